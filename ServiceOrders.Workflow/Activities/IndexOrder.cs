using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Brings the order list up to date with where an order stands.</summary>
public sealed class IndexOrder(IOrderIndex index) : IServiceOrderActivity<OrderIndexEntry, bool>
{
    public async Task<bool> RunAsync(OrderIndexEntry input, CancellationToken cancellationToken)
    {
        await index.UpsertAsync(input, cancellationToken);
        ServiceOrdersMetrics.OrderIndexed(input);
        return true;
    }
}
