using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>An order that waits for a person, and why.</summary>
public sealed record OrderException(
    string OrderId,
    string ServicePointId,
    RequestType RequestType,
    string ReasonCode,
    string Detail,
    ActivityKind? StuckActivity,
    DateTimeOffset Since);

/// <summary>The operators' list of orders in exception. Opening and closing are idempotent by order id.</summary>
public interface IExceptionQueue
{
    Task OpenAsync(OrderException exception, CancellationToken cancellationToken);

    Task CloseAsync(string orderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderException>> ListAsync(CancellationToken cancellationToken);
}
