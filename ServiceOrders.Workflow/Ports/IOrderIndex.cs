using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Workflow.Ports;

/// <summary>How an order list is sorted: by which time, and which way.</summary>
public enum OrderListSort
{
    ReceivedDescending,
    ReceivedAscending,
    UpdatedDescending,
    UpdatedAscending,
}

/// <summary>
/// One page of the order list: received in [From, To], every filter given must hold, <see cref="IdPrefix"/> matches the
/// start of the order id. <see cref="After"/> is where the page before ended (from <see cref="OrderListPage.Next"/>).
/// </summary>
public sealed record OrderListQuery(
    DateTimeOffset From,
    DateTimeOffset To,
    int PageSize,
    OrderListSort Sort = OrderListSort.ReceivedDescending,
    OrderStatus? Status = null,
    RequestType? RequestType = null,
    MeterClass? MeterClass = null,
    Commodity? Commodity = null,
    ServicePointId? ServicePointId = null,
    string? RequestingSystem = null,
    string? IdPrefix = null,
    OrderListCursor? After = null);

/// <summary>The last order of a page: its sort time and id, enough to start the next page after it.</summary>
public sealed record OrderListCursor(DateTimeOffset At, OrderId OrderId);

/// <summary>The orders of one page, and where the next starts (null on the last page).</summary>
public sealed record OrderListPage(IReadOnlyList<OrderIndexEntry> Items, OrderListCursor? Next);

/// <summary>The read model of orders: kept up to date by each order, searched by the API. Upserts are idempotent.</summary>
public interface IOrderIndex
{
    Task UpsertAsync(OrderIndexEntry entry, CancellationToken cancellationToken);

    /// <summary>The entry of one order, or null when it has none.</summary>
    Task<OrderIndexEntry?> GetAsync(OrderId orderId, CancellationToken cancellationToken);

    /// <summary>One page of the order list.</summary>
    Task<OrderListPage> PageAsync(OrderListQuery query, CancellationToken cancellationToken);

    /// <summary>Every order standing in <paramref name="status"/> now (for the overview: a scan of that status alone).</summary>
    IAsyncEnumerable<OrderIndexEntry> InStatusAsync(OrderStatus status, CancellationToken cancellationToken);

    /// <summary>Orders that ended (completed, failed, cancelled, rejected) at or after <paramref name="since"/>.</summary>
    IAsyncEnumerable<OrderIndexEntry> EndedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Orders received at or after <paramref name="since"/>, newest first.</summary>
    IAsyncEnumerable<OrderIndexEntry> ReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>How many orders stand in <paramref name="status"/> now, over all days (for gauges: a scan, not for every request).</summary>
    Task<int> CountAsync(OrderStatus status, CancellationToken cancellationToken);
}
