using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

[JsonConverter(typeof(JsonStringEnumConverter<CisReplyKind>))]
public enum CisReplyKind
{
    Acknowledged,
    Rejected,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>
/// A message to the requesting system about its request. <see cref="MessageId"/> is the idempotency key: a reply sent
/// twice carries the same id. <see cref="RequestId"/> is the correlation key.
/// </summary>
public sealed record CisReply(
    string MessageId,
    string RequestId,
    string RequestingSystem,
    CisReplyKind Kind,
    DateTimeOffset At,
    string? ReasonCode = null,
    string? Detail = null,
    IReadOnlyList<ValidationError>? Errors = null,
    ServicePoint? FinalState = null,
    IReadOnlyList<Reading>? Readings = null)
{
    public static string MessageIdFor(string orderId, CisReplyKind kind) => $"{orderId}.{kind}";
}

/// <summary>A change that subscribing systems (billing, outage, portals) hear about. <see cref="NotificationId"/> is the idempotency key.</summary>
public sealed record SubscriberNotification(
    string NotificationId,
    string Type,
    string OrderId,
    string ServicePointId,
    DateTimeOffset At,
    OrderOutcome? Outcome = null,
    ServicePoint? ServicePoint = null);

public static class NotificationTypes
{
    public const string OrderCompleted = "serviceorder.completed";
    public const string OrderFailed = "serviceorder.failed";
    public const string OrderRejected = "serviceorder.rejected";
    public const string OrderCancelled = "serviceorder.cancelled";
    public const string OrderException = "serviceorder.exception";
    public const string ServicePointChanged = "servicepoint.changed";
}
