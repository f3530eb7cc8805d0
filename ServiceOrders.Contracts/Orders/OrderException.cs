using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Contracts.Orders;

/// <summary>An order that waits for a person, and why.</summary>
public sealed record OrderException(
    string OrderId,
    string ServicePointId,
    RequestType RequestType,
    string ReasonCode,
    string Detail,
    ActivityKind? StuckActivity,
    DateTimeOffset Since);
