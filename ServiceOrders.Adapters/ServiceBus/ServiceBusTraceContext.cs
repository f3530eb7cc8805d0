namespace ServiceOrders.Adapters.ServiceBus;

/// <summary>
/// The W3C trace context a Service Bus message carries in its application properties: <c>Diagnostic-Id</c>, as Azure's
/// messaging SDKs write it, or <c>traceparent</c>; and <c>tracestate</c>.
/// </summary>
public static class ServiceBusTraceContext
{
    /// <summary>The message's <c>traceparent</c> and <c>tracestate</c>; nulls when it carries none.</summary>
    public static (string? TraceParent, string? TraceState) Of(IReadOnlyDictionary<string, object> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var traceParent = Text(properties, "traceparent") ?? Text(properties, ServiceBusCisReplySender.DiagnosticIdProperty);
        return (traceParent, traceParent is null ? null : Text(properties, "tracestate"));
    }

    static string? Text(IReadOnlyDictionary<string, object> properties, string name) =>
        properties.TryGetValue(name, out var value) && value is string { Length: > 0 } text ? text : null;
}
