using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Puts an order on the operators' exception list.</summary>
public sealed class OpenException(IExceptionQueue exceptions) : IServiceOrderActivity<OrderException, bool>
{
    public async Task<bool> RunAsync(OrderException input, CancellationToken cancellationToken)
    {
        await exceptions.OpenAsync(input, cancellationToken);
        ServiceOrdersMetrics.ExceptionOpened(input);
        return true;
    }
}
