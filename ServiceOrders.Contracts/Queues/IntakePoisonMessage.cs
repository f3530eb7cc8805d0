using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Queues;

/// <summary>
/// A message the intake set aside, as it lies on <see cref="QueueNames.ServiceOrderRequestsPoison"/>: the original body
/// and why. <see cref="Body"/> is the body as text when it is UTF-8, else base64 (<see cref="BodyIsBase64"/>); a body
/// too large for a queue message is cut (<see cref="BodyTruncated"/>), and its <see cref="BodyLength"/> says how large
/// it was. <see cref="MessageId"/> is the idempotency key; <see cref="RequestId"/> correlates it with the request.
/// </summary>
/// <param name="MessageId">The id of the message set aside (storage queue or Service Bus message id); null when the transport gave none.</param>
/// <param name="RequestId">The request id the body names, when it could be read; null otherwise.</param>
/// <param name="DeliveryCount">How often the message had been delivered when it was set aside.</param>
/// <param name="Reason">Why: <c>InvalidRequest</c>, <c>MalformedRequest</c>, <c>MessageTooLarge</c>, <c>UnreadableMessage</c>, <c>TransientFailure</c> or <c>MaxDeliveryCountExceeded</c>.</param>
/// <param name="Description">The reason in words, for people; its wording may change.</param>
/// <param name="Errors">For a request that could be read, every error found in it; otherwise null.</param>
/// <param name="At">When it was set aside.</param>
/// <param name="Body">The message body: UTF-8 text, or base64 when it is not UTF-8.</param>
/// <param name="BodyIsBase64">Whether <see cref="Body"/> is base64 of bytes that are not UTF-8.</param>
/// <param name="BodyTruncated">Whether <see cref="Body"/> was cut to fit one queue message.</param>
/// <param name="BodyLength">The length of the original body in bytes.</param>
public sealed record IntakePoisonMessage(
    string? MessageId,
    string? RequestId,
    int DeliveryCount,
    string Reason,
    string Description,
    IReadOnlyList<ValidationError>? Errors,
    DateTimeOffset At,
    string Body,
    bool BodyIsBase64,
    bool BodyTruncated,
    int BodyLength);
