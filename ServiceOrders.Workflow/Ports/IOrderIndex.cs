using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>A search of the order list: received in [From, To], optionally at one service point and in one status.</summary>
public sealed record OrderQuery(DateTimeOffset From, DateTimeOffset To, ServicePointId? ServicePointId = null, OrderStatus? Status = null, int Top = 100);

/// <summary>The read model of orders: kept up to date by each order, searched by the API. Upserts are idempotent.</summary>
public interface IOrderIndex
{
    Task UpsertAsync(OrderIndexEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderIndexEntry>> QueryAsync(OrderQuery query, CancellationToken cancellationToken);

    /// <summary>How many orders stand in <paramref name="status"/> now, over all days (for gauges: a scan, not for every request).</summary>
    Task<int> CountAsync(OrderStatus status, CancellationToken cancellationToken);
}
