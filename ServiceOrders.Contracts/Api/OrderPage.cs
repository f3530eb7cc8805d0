using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// One page of <c>GET /api/orders</c>. Filters: <c>status</c>, <c>requestType</c>, <c>meterClass</c>, <c>commodity</c>,
/// <c>servicePointId</c>, <c>requestingSystem</c>, <c>from</c>/<c>to</c> (received), <c>q</c> (an order or request id);
/// <c>sort</c> (<see cref="OrderSort"/>); <c>pageSize</c> 1 to 200 (default 50); <c>pageToken</c> from the page before.
/// </summary>
/// <param name="Items">The orders of this page, in the order asked for.</param>
/// <param name="NextPageToken">Pass as <c>pageToken</c> (with the same filters) for the next page; null on the last page.</param>
public sealed record OrderPage(IReadOnlyList<OrderIndexEntry> Items, string? NextPageToken);

/// <summary>The orders of <c>GET /api/orders</c> can be sorted by these, given as <c>sort=</c> the constant's value.</summary>
public static class OrderSort
{
    /// <summary>Newest received first (the default).</summary>
    public const string ReceivedDescending = "-receivedAt";

    /// <summary>Oldest received first.</summary>
    public const string ReceivedAscending = "receivedAt";

    /// <summary>Most recently changed first.</summary>
    public const string UpdatedDescending = "-updatedAt";

    /// <summary>Least recently changed first (what has not moved for longest).</summary>
    public const string UpdatedAscending = "updatedAt";

    /// <summary>Every accepted value.</summary>
    public static IReadOnlyList<string> All { get; } = [ReceivedDescending, ReceivedAscending, UpdatedDescending, UpdatedAscending];
}
