using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Puts an order on the operators' exception list.</summary>
public sealed class OpenException(IExceptionQueue exceptions) : IServiceOrderActivity<OrderException, bool>
{
    public async Task<bool> RunAsync(OrderException input, CancellationToken cancellationToken)
    {
        await exceptions.OpenAsync(input, cancellationToken);
        return true;
    }
}
