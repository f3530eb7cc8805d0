using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Subscribers;

/// <summary>
/// A <see cref="SubscriberNotification"/> as a CloudEvents 1.0 event in structured mode (<c>application/cloudevents+json</c>):
/// the body of each message on the <c>service-order-events</c> queue or topic and of each webhook request. The
/// attribute names are the lower-case ones CloudEvents defines. <see cref="Id"/> is the idempotency key.
/// </summary>
/// <param name="SpecVersion">The CloudEvents version: <c>1.0</c>.</param>
/// <param name="Id">The notification id, the same on every delivery and channel; a receiver drops a repeat by it.</param>
/// <param name="Source">Where it comes from: <c>/serviceorders/orders/{orderId}</c>.</param>
/// <param name="Type"><c>com.serviceorders.</c> followed by the notification type, such as <c>com.serviceorders.serviceorder.completed</c>.</param>
/// <param name="Subject">The service point id.</param>
/// <param name="Time">When it happened: the notification's <c>at</c>.</param>
/// <param name="DataContentType">The content type of <see cref="Data"/>: <c>application/json</c>.</param>
/// <param name="Data">The notification.</param>
/// <param name="TraceParent">The distributed tracing extension: the W3C <c>traceparent</c> of the order's trace; absent when tracing is off.</param>
/// <param name="TraceState">The distributed tracing extension: the W3C <c>tracestate</c>; absent when empty.</param>
public sealed record SubscriberCloudEvent(
    [property: JsonPropertyName("specversion")] string SpecVersion,
    string Id,
    string Source,
    string Type,
    string Subject,
    DateTimeOffset Time,
    [property: JsonPropertyName("datacontenttype")] string DataContentType,
    SubscriberNotification Data,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null);
