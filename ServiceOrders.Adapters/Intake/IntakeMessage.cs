namespace ServiceOrders.Adapters.Intake;

/// <summary>
/// A service order request as a transport delivers it: the raw body (UTF-8 JSON of a <c>ServiceOrderRequest</c>), the
/// transport's message id, and how often the transport has delivered it so far (1 on the first delivery).
/// </summary>
public sealed record IntakeMessage(ReadOnlyMemory<byte> Body, string? MessageId, int DeliveryCount);
