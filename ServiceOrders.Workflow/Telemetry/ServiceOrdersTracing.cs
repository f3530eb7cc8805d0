using System.Diagnostics;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Telemetry;

/// <summary>
/// The product's one <see cref="ActivitySource"/>, <c>ServiceOrders</c>, and the W3C trace context an order carries. An
/// order's trace starts with its intake span; the durable engine's spans of every step hang under it, and every message
/// the order sends (dispatches, commands, replies, events, webhooks) carries its <c>traceparent</c>, so an answer sent
/// back with it joins the same trace. The order's request type rides in the <c>tracestate</c> under the key
/// <see cref="TraceStateKey"/>, so every span of the order can carry it. Spans carry ids and codes, never personal data.
/// </summary>
public static class ServiceOrdersTracing
{
    /// <summary>The source's name, to subscribe to (<c>AddSource</c>).</summary>
    public const string SourceName = "ServiceOrders";

    /// <summary>The order's id.</summary>
    public const string OrderIdAttribute = "serviceorders.order_id";

    /// <summary>The id of the crew activity or head-end command an answer is for.</summary>
    public const string StepIdAttribute = "serviceorders.step_id";

    /// <summary>How a request or an answer came: <c>http</c> or <c>queue</c>.</summary>
    public const string ChannelAttribute = "serviceorders.channel";

    /// <summary>The <c>tracestate</c> key that carries the order's request type along its trace.</summary>
    public const string TraceStateKey = "serviceorders";

    static readonly ActivitySource Source = new(SourceName, typeof(ServiceOrdersTracing).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// A span for a request taken in, named <c>intake {requestType}</c>: the root of the order's own spans. Its parent is
    /// the context the request came with (<paramref name="traceParent"/> from a queue message, or the HTTP request's span);
    /// null when nobody listens.
    /// </summary>
    public static Activity? Intake(string channel, string orderId, RequestType requestType, string? traceParent = null, string? traceState = null)
    {
        var span = Parse(traceParent, traceState) is { } parent
            ? Source.StartActivity($"intake {requestType}", ActivityKind.Consumer, parent)
            : Source.StartActivity($"intake {requestType}", ActivityKind.Server);
        if (span is not null)
        {
            span.TraceStateString = WithRequestType(span.TraceStateString, requestType);
            span.SetTag(ChannelAttribute, channel);
            span.SetTag(OrderIdAttribute, orderId);
            span.SetTag(ServiceOrdersMetrics.RequestTypeTag, requestType.ToString());
        }

        return span;
    }

    /// <summary>
    /// A span for an order started by admission control after it waited in the pending store, named
    /// <c>admit {requestType}</c>. Its parent is the intake span the request was taken in under (kept with the pending
    /// request), so the order's steps stay in the trace its message began; null when nobody listens.
    /// </summary>
    public static Activity? Admit(string orderId, RequestType requestType, string? traceParent, string? traceState)
    {
        var span = Parse(traceParent, traceState) is { } parent
            ? Source.StartActivity($"admit {requestType}", ActivityKind.Internal, parent)
            : Source.StartActivity($"admit {requestType}", ActivityKind.Internal);
        if (span is not null)
        {
            span.TraceStateString = WithRequestType(span.TraceStateString, requestType);
            span.SetTag(ChannelAttribute, "queue");
            span.SetTag(OrderIdAttribute, orderId);
            span.SetTag(ServiceOrdersMetrics.RequestTypeTag, requestType.ToString());
        }

        return span;
    }

    /// <summary>
    /// A span for a crew's completion or a head-end's result taken in, named <c>answer {kind}</c> (<c>field</c> or
    /// <c>headend</c>). Its parent is the context the answer came with: the dispatch's or the command's when the outside
    /// system sent the <c>traceparent</c> back, which puts it in the order's trace.
    /// </summary>
    public static Activity? Answer(string kind, string channel, string stepId, string orderId, string? traceParent = null, string? traceState = null)
    {
        var span = Parse(traceParent, traceState) is { } parent
            ? Source.StartActivity($"answer {kind}", ActivityKind.Consumer, parent)
            : Source.StartActivity($"answer {kind}", ActivityKind.Server);
        span?.SetTag(ChannelAttribute, channel);
        span?.SetTag(StepIdAttribute, stepId);
        span?.SetTag(OrderIdAttribute, orderId);
        if (span is not null && RequestTypeOf(span.TraceStateString) is { } requestType)
        {
            span.SetTag(ServiceOrdersMetrics.RequestTypeTag, requestType);
        }

        return span;
    }

    /// <summary>
    /// A span for one try of a webhook delivery, named <c>webhook deliver</c>, in the trace of the order that raised the
    /// notification (<paramref name="traceParent"/> from the delivery job); the POST it makes is its child.
    /// </summary>
    public static Activity? WebhookDelivery(string subscriptionId, string orderId, int attempt, string? traceParent, string? traceState)
    {
        var span = Parse(traceParent, traceState) is { } parent
            ? Source.StartActivity("webhook deliver", ActivityKind.Producer, parent)
            : Source.StartActivity("webhook deliver", ActivityKind.Producer);
        span?.SetTag(OrderIdAttribute, orderId);
        span?.SetTag("serviceorders.subscription_id", subscriptionId);
        span?.SetTag("serviceorders.attempt", attempt);
        if (span is not null && RequestTypeOf(span.TraceStateString) is { } requestType)
        {
            span.SetTag(ServiceOrdersMetrics.RequestTypeTag, requestType);
        }

        return span;
    }

    /// <summary>The current span's W3C <c>traceparent</c>, for a message about to leave; null when no span is current.</summary>
    public static string? CurrentTraceParent => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The current span's <c>tracestate</c>, for a message about to leave; null when there is none.</summary>
    public static string? CurrentTraceState => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.TraceStateString : null;

    /// <summary>A received <c>traceparent</c> (and <c>tracestate</c>) as a parent context; null when absent or not valid W3C.</summary>
    public static ActivityContext? Parse(string? traceParent, string? traceState = null) =>
        !string.IsNullOrWhiteSpace(traceParent) && ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var context)
            ? context
            : null;

    /// <summary>The request type a <c>tracestate</c> carries under <see cref="TraceStateKey"/>; null when it carries none.</summary>
    public static string? RequestTypeOf(string? traceState)
    {
        foreach (var member in (traceState ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (member.StartsWith(TraceStateKey + "=", StringComparison.Ordinal))
            {
                var value = member[(TraceStateKey.Length + 1)..];
                return Enum.TryParse<RequestType>(value, out var type) && Enum.IsDefined(type) ? type.ToString() : null;
            }
        }

        return null;
    }

    /// <summary>The <c>tracestate</c> with this product's member first (as W3C asks of a member a system updates).</summary>
    static string WithRequestType(string? traceState, RequestType requestType)
    {
        var others = (traceState ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(m => !m.StartsWith(TraceStateKey + "=", StringComparison.Ordinal))
            .Take(31);
        return string.Join(',', others.Prepend($"{TraceStateKey}={requestType}"));
    }
}
