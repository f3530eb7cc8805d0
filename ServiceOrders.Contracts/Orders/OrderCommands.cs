using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// The requesting system calls the order off: the body of <c>POST /api/orders/{orderId}/cancel</c>. Work under way gets a
/// cancel request; a cut already carried out is reconnected; the order ends <c>Cancelled</c>.
/// </summary>
/// <param name="Reason">Why, for the timeline and the crews: 1 to 500 characters, no control characters.</param>
/// <param name="RequestedBy">Who asks: 1 to 64 characters, no control characters.</param>
public sealed record CancelRequested(string Reason, string RequestedBy);

/// <summary>
/// The requesting system moves the service date of an order that waits for it: the body of
/// <c>POST /api/orders/{orderId}/update</c>, accepted only in phase <c>WaitingForServiceDate</c>.
/// </summary>
/// <param name="RequestedDate">The new date, between one year back and two years ahead; null to go ahead now.</param>
/// <param name="RequestedBy">Who asks: 1 to 64 characters, no control characters.</param>
public sealed record OrderUpdated(DateTimeOffset? RequestedDate, string RequestedBy);

/// <summary>What an operator can decide for an order in exception. Travels by name.</summary>
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

/// <summary>
/// What an operator decided for an order in exception: the body of <c>POST /api/orders/{orderId}/actions</c>, accepted only
/// in phase <c>Exception</c>.
/// </summary>
/// <param name="Action">What to do.</param>
/// <param name="Operator">Who decided: 1 to 64 characters, no control characters.</param>
/// <param name="Note">Why, for the timeline: at most 500 characters, no control characters; optional.</param>
/// <param name="Completion">For <c>RecordDone</c>, required with code <c>Completed</c>: what was done by hand. Otherwise ignored.</param>
/// <param name="Reason">Why, as one of <see cref="AuditReasons"/>; required when a person acts through the console, optional for a system.</param>
public sealed record OperatorAction(
    OperatorActionKind Action,
    string Operator,
    string? Note = null,
    FieldCompletion? Completion = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
