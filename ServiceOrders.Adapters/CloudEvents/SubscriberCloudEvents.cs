using System.Net.Mime;
using System.Text.Json;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.CloudEvents;

/// <summary>
/// Subscriber notifications as CloudEvents 1.0 in structured mode (one JSON document with the attributes and the
/// notification as <c>data</c>), the same on every channel: Service Bus topic, storage queue, webhooks.
/// </summary>
public static class SubscriberCloudEvents
{
    /// <summary>The content type of a structured-mode CloudEvent in JSON.</summary>
    public const string ContentType = "application/cloudevents+json";

    /// <summary>Prefix of every event type, before the notification type: <c>com.serviceorders.serviceorder.completed</c>.</summary>
    public const string TypePrefix = "com.serviceorders.";

    /// <summary>The formatter for writing and reading the events; it serializes <c>data</c> with the product's JSON settings.</summary>
    public static JsonEventFormatter Formatter { get; } = new(ServiceOrdersJson.Options, new JsonDocumentOptions());

    /// <summary>The CloudEvent type of a notification type from <see cref="NotificationTypes"/>.</summary>
    public static string EventTypeOf(string notificationType) => TypePrefix + notificationType;

    /// <summary>The source of every event about one order.</summary>
    public static Uri SourceOf(string orderId) => new($"/serviceorders/orders/{Uri.EscapeDataString(orderId)}", UriKind.Relative);

    /// <summary>
    /// id = notification id (the idempotency key), subject = service point, data = the notification; the order's trace
    /// context goes in the distributed tracing extension attributes <c>traceparent</c> and <c>tracestate</c>.
    /// </summary>
    public static CloudEvent ToCloudEvent(SubscriberNotification notification)
    {
        var cloudEvent = new CloudEvent(CloudEventsSpecVersion.V1_0, [TraceParentAttribute, TraceStateAttribute])
        {
            Id = notification.NotificationId,
            Type = EventTypeOf(notification.Type),
            Source = SourceOf(notification.OrderId),
            Subject = notification.ServicePointId,
            Time = notification.At,
            DataContentType = MediaTypeNames.Application.Json,
            Data = notification,
        };
        if (ServiceOrdersTracing.CurrentTraceParent is { } traceParent)
        {
            cloudEvent[TraceParentAttribute] = traceParent;
            if (ServiceOrdersTracing.CurrentTraceState is { Length: > 0 } traceState)
            {
                cloudEvent[TraceStateAttribute] = traceState;
            }
        }

        return cloudEvent;
    }

    /// <summary>The CloudEvents distributed tracing extension's <c>traceparent</c>.</summary>
    public static CloudEventAttribute TraceParentAttribute { get; } = CloudEventAttribute.CreateExtension("traceparent", CloudEventAttributeType.String);

    /// <summary>The CloudEvents distributed tracing extension's <c>tracestate</c>.</summary>
    public static CloudEventAttribute TraceStateAttribute { get; } = CloudEventAttribute.CreateExtension("tracestate", CloudEventAttributeType.String);

    /// <summary>The event as a structured-mode JSON document (UTF-8).</summary>
    public static ReadOnlyMemory<byte> Encode(SubscriberNotification notification) =>
        Formatter.EncodeStructuredModeMessage(ToCloudEvent(notification), out _);
}
