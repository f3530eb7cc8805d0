using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Adapters.Intake;

/// <summary>What a transport does with a message once the intake has handled it.</summary>
public enum IntakeAction
{
    /// <summary>Remove the message: the order runs or waits for admission, or the message was a repeat of one that did.</summary>
    Complete,

    /// <summary>Set the message aside with its reason: Service Bus dead-letter queue, or the storage poison queue.</summary>
    DeadLetter,

    /// <summary>Leave the message to be delivered again after <see cref="IntakeSettlement.RetryAfter"/>.</summary>
    Retry,
}

/// <summary>How to settle a message; <see cref="Reason"/> and <see cref="Description"/> go with a dead-lettered one.</summary>
public sealed record IntakeSettlement(IntakeAction Action, string? Reason = null, string? Description = null, TimeSpan RetryAfter = default)
{
    /// <summary>Service Bus keeps dead-letter descriptions short; so do we, everywhere.</summary>
    public const int MaxDescriptionLength = 1024;
}

/// <summary>Reasons a message is set aside: the dead-letter reason on Service Bus, <c>reason</c> in a poison record.</summary>
public static class IntakeReasons
{
    /// <summary>The body is a request, and the request is not valid.</summary>
    public const string InvalidRequest = "InvalidRequest";

    /// <summary>The body is JSON, or starts like it, but not a readable request.</summary>
    public const string MalformedRequest = "MalformedRequest";

    /// <summary>The body is larger than the intake reads.</summary>
    public const string MessageTooLarge = "MessageTooLarge";

    /// <summary>The body is not JSON at all, or carries no request id; nobody can be told.</summary>
    public const string Unreadable = "UnreadableMessage";

    /// <summary>Storage or the engine stayed unavailable for every allowed delivery.</summary>
    public const string TransientFailure = "TransientFailure";

    /// <summary>The message was delivered more often than allowed without being settled (a host stopped while handling it).</summary>
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>The request id is an existing order's, whose request had other content; the CIS got a Rejected reply.</summary>
    public const string RequestIdInUse = ReasonCodes.RequestIdInUse;
}

/// <summary>What became of one intake message, for the transport to settle it by <see cref="Settlement"/>.</summary>
public abstract record IntakeOutcome(string? RequestId)
{
    public abstract IntakeSettlement Settlement { get; }

    /// <summary>A new order runs under the request id.</summary>
    public sealed record Started(string OrderId) : IntakeOutcome(OrderId)
    {
        public override IntakeSettlement Settlement { get; } = new(IntakeAction.Complete);
    }

    /// <summary>The request waits in the pending store for admission; the admission pump starts its order.</summary>
    public sealed record Queued(string OrderId) : IntakeOutcome(OrderId)
    {
        public override IntakeSettlement Settlement { get; } = new(IntakeAction.Complete);
    }

    /// <summary>An order with this request id exists already (a redelivery, or the CIS sent the request again); nothing started.</summary>
    public sealed record Duplicate(string OrderId) : IntakeOutcome(OrderId)
    {
        public override IntakeSettlement Settlement { get; } = new(IntakeAction.Complete);
    }

    /// <summary>
    /// A bad message: never retried. <see cref="Replied"/> says whether the CIS got a <see cref="CisReplyKind.Rejected"/>
    /// reply with the errors; without a readable request id there is nobody to tell, and only the dead-letter keeps the reason.
    /// </summary>
    public sealed record Rejected(string? RequestId, string Reason, IReadOnlyList<ValidationError> Errors, bool Replied) : IntakeOutcome(RequestId)
    {
        public override IntakeSettlement Settlement => new(IntakeAction.DeadLetter, Reason, Truncate(string.Join(" ", Errors.Select(e => e.Message))));
    }

    /// <summary>
    /// Storage, the engine or the reply channel failed; the message is delivered again after <see cref="RetryAfter"/>,
    /// unless this was its last allowed delivery (<see cref="GiveUp"/>), when it is set aside with the error.
    /// </summary>
    public sealed record Transient(string? RequestId, Exception Error, bool GiveUp, TimeSpan RetryAfter) : IntakeOutcome(RequestId)
    {
        public override IntakeSettlement Settlement => GiveUp
            ? new(IntakeAction.DeadLetter, IntakeReasons.TransientFailure, Truncate($"Gave up after the last allowed delivery: {Error.GetType().Name}: {Error.Message}"))
            : new(IntakeAction.Retry, RetryAfter: RetryAfter);
    }

    static string Truncate(string text) =>
        text.Length <= IntakeSettlement.MaxDescriptionLength ? text : text[..(IntakeSettlement.MaxDescriptionLength - 1)] + "…";
}
