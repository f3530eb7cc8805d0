using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Takes an order off the operators' exception list.</summary>
public sealed class CloseException(IExceptionQueue exceptions) : IServiceOrderActivity<OrderId, bool>
{
    public async Task<bool> RunAsync(OrderId input, CancellationToken cancellationToken)
    {
        await exceptions.CloseAsync(input, cancellationToken);
        return true;
    }
}
