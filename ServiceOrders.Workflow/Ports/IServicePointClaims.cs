using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>
/// An open order that holds a service point. <paramref name="ClaimedAt"/> is when it first claimed the point, by the
/// store's clock; it is only known in what <see cref="IServicePointClaims.ClaimAsync"/> returns.
/// </summary>
public sealed record OpenOrder(OrderId OrderId, RequestType RequestType, DateTimeOffset ReceivedAt, DateTimeOffset? ClaimedAt = null);

/// <summary>
/// Which orders are open on each service point, so that conflicting orders never work on one service point at once.
/// A claim is idempotent by order id.
/// </summary>
public interface IServicePointClaims
{
    /// <summary>
    /// Registers the order on its service point and returns every order open there, its own included, each with when it
    /// first claimed the point. Claiming again keeps the first claim's time.
    /// </summary>
    Task<IReadOnlyList<OpenOrder>> ClaimAsync(ServicePointId servicePointId, OpenOrder order, CancellationToken cancellationToken);

    Task ReleaseAsync(ServicePointId servicePointId, OrderId orderId, CancellationToken cancellationToken);
}

/// <summary>Which open order on a service point keeps an order from going ahead.</summary>
public static class OpenOrders
{
    /// <summary>
    /// The earliest received of the orders open on the service point that conflict with <paramref name="me"/> and go
    /// before it by <paramref name="goesFirst"/> (the rule of the order's revision); null when none is in the way.
    /// The orchestrator and the admission activity decide with this same code.
    /// </summary>
    public static OpenOrder? BlockerOf(IReadOnlyList<OpenOrder> open, OpenOrder me, Func<QueuedOrder, QueuedOrder, bool> goesFirst)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(me);
        ArgumentNullException.ThrowIfNull(goesFirst);
        var mine = open.FirstOrDefault(o => o.OrderId == me.OrderId);
        var self = new QueuedOrder(me.OrderId.Value, me.ReceivedAt, mine?.ClaimedAt);
        return open
            .Where(o => o.OrderId != me.OrderId && OrderConflicts.Conflict(me.RequestType, o.RequestType)
                && goesFirst(new QueuedOrder(o.OrderId.Value, o.ReceivedAt, o.ClaimedAt), self))
            .OrderBy(o => o.ReceivedAt)
            .FirstOrDefault();
    }
}
