using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;

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
