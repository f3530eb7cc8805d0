namespace ServiceOrders.Contracts.Queues;

/// <summary>
/// A head-end answer that could not be delivered, as it lies on the result queue's poison queue (default
/// <see cref="QueueNames.HeadEndResultsPoison"/>): the message as it came, and why. It carries no key of its own; the
/// command id, when there is one, is in <see cref="Body"/>.
/// </summary>
/// <param name="Body">The message as it came (decoded from base64 when it was), cut to 16,000 characters.</param>
/// <param name="Reason">Why it cannot be delivered, in words: no such command, an order that has ended, or an unreadable or invalid message.</param>
/// <param name="At">When it was set aside.</param>
public sealed record HeadEndResultPoisonMessage(string Body, string Reason, DateTimeOffset At);
