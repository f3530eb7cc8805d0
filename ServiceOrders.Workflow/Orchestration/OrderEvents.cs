using System.Text.Json.Serialization;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>An answer from outside that belongs to one activity of an order.</summary>
public interface IActivityAnswer
{
    string ActivityId { get; }
}

/// <summary>A crew's completion of a field activity, as raised on the order.</summary>
public sealed record FieldWorkCompleted(string ActivityId, FieldCompletion Completion) : IActivityAnswer;

/// <summary>A head-end's answer to a command, as raised on the order.</summary>
public sealed record HeadEndAnswered(string ActivityId, HeadEndResult Result) : IActivityAnswer;

/// <summary>The requesting system calls the order off.</summary>
public sealed record CancelRequested(string Reason, string RequestedBy);

/// <summary>The requesting system moves the service date of an order that waits for it.</summary>
public sealed record OrderUpdated(DateTimeOffset? RequestedDate, string RequestedBy);

[JsonConverter(typeof(JsonStringEnumConverter<OperatorActionKind>))]
public enum OperatorActionKind
{
    /// <summary>Try again what failed (or re-plan), forgiving the failures so far.</summary>
    Retry,

    /// <summary>Go on as if the stuck activity had been done.</summary>
    Skip,

    /// <summary>The activity was done by hand; the completion says what was found.</summary>
    RecordDone,

    /// <summary>Call the order off, undoing what it did where the request type calls for it.</summary>
    Cancel,
}

/// <summary>What an operator decided for an order in exception.</summary>
public sealed record OperatorAction(OperatorActionKind Action, string Operator, string? Note = null, FieldCompletion? Completion = null);

/// <summary>Names of the external events a service order waits for.</summary>
public static class OrderEvents
{
    public const string FieldWorkCompleted = nameof(Orchestration.FieldWorkCompleted);
    public const string HeadEndAnswered = nameof(Orchestration.HeadEndAnswered);
    public const string CancelRequested = nameof(Orchestration.CancelRequested);
    public const string OrderUpdated = nameof(Orchestration.OrderUpdated);
    public const string OperatorAction = nameof(Orchestration.OperatorAction);
}
