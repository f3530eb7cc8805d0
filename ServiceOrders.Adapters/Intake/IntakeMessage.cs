namespace ServiceOrders.Adapters.Intake;

/// <summary>
/// A service order request as a transport delivers it: the raw body (UTF-8 JSON of a <c>ServiceOrderRequest</c>), the
/// transport's message id, how often the transport has delivered it so far (1 on the first delivery), and the W3C trace
/// context the transport carried (a Service Bus message's <c>Diagnostic-Id</c> or <c>traceparent</c> property), if any;
/// a storage queue message carries it in the body's <c>traceparent</c> instead.
/// </summary>
public sealed record IntakeMessage(ReadOnlyMemory<byte> Body, string? MessageId, int DeliveryCount, string? TraceParent = null, string? TraceState = null);
