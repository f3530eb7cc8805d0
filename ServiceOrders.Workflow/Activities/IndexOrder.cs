using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Brings the order list up to date with where an order stands.</summary>
public sealed class IndexOrder(IOrderIndex index) : IServiceOrderActivity<OrderIndexEntry, bool>
{
    public async Task<bool> RunAsync(OrderIndexEntry input, CancellationToken cancellationToken)
    {
        await WriteAsync(input, "Unknown", cancellationToken);
        return true;
    }

    /// <summary>Writes the entry; an order's end counts in the metrics under the class of the meter it left.</summary>
    public async Task WriteAsync(OrderIndexEntry entry, string meterClass, CancellationToken cancellationToken)
    {
        await index.UpsertAsync(entry, cancellationToken);
        ServiceOrdersMetrics.OrderIndexed(entry, meterClass);
    }
}
