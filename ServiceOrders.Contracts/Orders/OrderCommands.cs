using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Contracts.Orders;

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
