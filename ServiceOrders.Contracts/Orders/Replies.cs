using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

/// <summary>What a <see cref="CisReply"/> tells the requesting system. An order sends each kind at most once. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CisReplyKind>))]
public enum CisReplyKind
{
    /// <summary>The request passed the registry checks and the order goes ahead; a final reply follows.</summary>
    Acknowledged,

    /// <summary>Final: the request was refused; <see cref="CisReply.Errors"/> lists every reason.</summary>
    Rejected,

    /// <summary>Final: the goal was reached; the reply carries the final state and readings.</summary>
    Completed,

    /// <summary>Final: the goal was not reached; <see cref="CisReply.ReasonCode"/> says why.</summary>
    Failed,

    /// <summary>Final: the order was called off, and what it had done undone where the request type calls for it.</summary>
    Cancelled,

    /// <summary>
    /// Interim: a disconnect rule holds the order; <see cref="CisReply.ReasonCode"/> names the rule (a
    /// <c>DisconnectReasons</c> code) and <see cref="CisReply.Until"/> when it is looked at again. Sent again only when
    /// another rule holds it.
    /// </summary>
    Deferred,

    /// <summary>Interim: the order waits for its requested service date, <see cref="CisReply.Until"/>; sent again when the date is moved.</summary>
    Scheduled,

    /// <summary>Interim: the order cannot go on by itself and waits for a person; <see cref="CisReply.ReasonCode"/> says why.</summary>
    Exception,

    /// <summary>Interim: a person resolved the exception (retry, skip, or work recorded as done) and the order goes on.</summary>
    Resumed,
}

/// <summary>Which reply kinds end the conversation about a request.</summary>
public static class CisReplyKinds
{
    /// <summary>
    /// True for the kinds that say how a request ended (<c>Rejected</c>, <c>Completed</c>, <c>Failed</c>,
    /// <c>Cancelled</c>): exactly one of them comes per request. The others are interim and may come several times.
    /// </summary>
    public static bool IsFinal(this CisReplyKind kind) =>
        kind is CisReplyKind.Rejected or CisReplyKind.Completed or CisReplyKind.Failed or CisReplyKind.Cancelled;
}

/// <summary>
/// A message to the requesting system about its request. <see cref="MessageId"/> is the idempotency key: a reply sent
/// twice carries the same id. <see cref="RequestId"/> is the correlation key. Sent as JSON on the <c>cis-replies</c>
/// queue (storage or Service Bus).
/// </summary>
/// <param name="MessageId"><c>{requestId}.{kind}</c> (see <see cref="MessageIdFor"/>); for the interim kinds, which an order may send more than once, <c>{requestId}.{kind}.{n}</c>.</param>
/// <param name="RequestId">The request this answers; also the order's id.</param>
/// <param name="RequestingSystem">The request's <c>requestingSystem</c>, for routing replies among several systems.</param>
/// <param name="Kind">What the reply says.</param>
/// <param name="At">When it was decided.</param>
/// <param name="ReasonCode">For <c>Rejected</c>, <c>Failed</c> and <c>Cancelled</c>, why (the first error's code for a rejection); otherwise null.</param>
/// <param name="Detail">The outcome in words; null for <c>Acknowledged</c>.</param>
/// <param name="Errors">For <c>Rejected</c>, every reason; otherwise null.</param>
/// <param name="FinalState">For a final reply, the service point as the order left it; null when the order never read it.</param>
/// <param name="Readings">For a final reply, the readings the order took; null for <c>Acknowledged</c> and <c>Rejected</c>.</param>
/// <param name="Until">For <c>Deferred</c> and <c>Scheduled</c>, until when the order waits; otherwise null.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the order's trace at the moment this was sent; send it back with the answer to put the answer in the same trace. Absent when tracing is off.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with <paramref name="TraceParent"/>; absent when empty.</param>
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
    IReadOnlyList<Reading>? Readings = null,
    DateTimeOffset? Until = null,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null)
{
    /// <summary>The message id of the <paramref name="kind"/> reply of order <paramref name="orderId"/>: <c>{orderId}.{kind}</c>.</summary>
    public static string MessageIdFor(string orderId, CisReplyKind kind) => $"{orderId}.{kind}";
}

/// <summary>
/// A change that subscribing systems (billing, outage, portals) hear about. <see cref="NotificationId"/> is the
/// idempotency key. Sent as the <c>data</c> of a CloudEvents 1.0 event (type <c>com.serviceorders.{type}</c>) on the
/// <c>service-order-events</c> queue or topic, and to webhook subscribers.
/// </summary>
/// <param name="NotificationId">Unique per change, the same on every delivery: <c>{orderId}.{outcome}</c>, <c>{orderId}.servicepoint.changed</c>, or <c>{orderId}.exception.{step}.{n}</c>.</param>
/// <param name="Type">One of <see cref="NotificationTypes"/>.</param>
/// <param name="OrderId">The order.</param>
/// <param name="ServicePointId">The service point.</param>
/// <param name="At">When it happened.</param>
/// <param name="Outcome">For an order's end, how it ended; null for <c>servicepoint.changed</c> and <c>serviceorder.exception</c>.</param>
/// <param name="ServicePoint">The service point's state at that moment; null when the order never read it.</param>
public sealed record SubscriberNotification(
    string NotificationId,
    string Type,
    string OrderId,
    string ServicePointId,
    DateTimeOffset At,
    OrderOutcome? Outcome = null,
    ServicePoint? ServicePoint = null);

/// <summary>The <see cref="SubscriberNotification.Type"/> values, and the event types a webhook subscription may ask for.</summary>
public static class NotificationTypes
{
    /// <summary>An order ended <c>Completed</c>.</summary>
    public const string OrderCompleted = "serviceorder.completed";

    /// <summary>An order ended <c>Failed</c>.</summary>
    public const string OrderFailed = "serviceorder.failed";

    /// <summary>An order ended <c>Rejected</c>: the request does not fit the service point, or it is unknown (then <see cref="SubscriberNotification.ServicePoint"/> is null). Sent for orders of orchestration revision 1 and later. A request refused at intake (invalid, or a request id in use) starts no order and sends no event: only its sender hears of it.</summary>
    public const string OrderRejected = "serviceorder.rejected";

    /// <summary>An order ended <c>Cancelled</c>.</summary>
    public const string OrderCancelled = "serviceorder.cancelled";

    /// <summary>An order went to exceptions and waits for a person.</summary>
    public const string OrderException = "serviceorder.exception";

    /// <summary>A disconnect rule holds an order (orchestration revision 2 and later).</summary>
    public const string OrderDeferred = "serviceorder.deferred";

    /// <summary>An order waits for its requested service date, or the date was moved (orchestration revision 2 and later).</summary>
    public const string OrderScheduled = "serviceorder.scheduled";

    /// <summary>A person resolved an order's exception and it goes on (orchestration revision 2 and later).</summary>
    public const string OrderResumed = "serviceorder.resumed";

    /// <summary>An order that ended changed the service point's registered state; <see cref="SubscriberNotification.ServicePoint"/> is the new state.</summary>
    public const string ServicePointChanged = "servicepoint.changed";
}
