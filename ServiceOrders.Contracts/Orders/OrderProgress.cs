using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

[JsonConverter(typeof(JsonStringEnumConverter<OrderPhase>))]
public enum OrderPhase
{
    Evaluating,
    WaitingForConflict,
    WaitingForServiceDate,
    WaitingForWindow,
    WaitingForCrew,
    WaitingForHeadEnd,
    Exception,
    Replying,
    Ended,
}

[JsonConverter(typeof(JsonStringEnumConverter<TimelineEvent>))]
public enum TimelineEvent
{
    Received,
    Acknowledged,
    Rejected,
    Dispatched,
    CommandSent,
    CommandAccepted,
    Succeeded,
    Failed,
    NotDone,
    TimedOut,
    IgnoredMessage,
    GoalReached,
    Stuck,
    Replied,
    WaitingForConflict,
    WaitingForServiceDate,
    Rescheduled,
    Deferred,
    Staggered,
    RetryScheduled,
    ExceptionRaised,
    OperatorAction,
    CancelRequested,
    CancelSent,
    Cancelled,
}

public sealed record TimelineEntry(
    DateTimeOffset At,
    TimelineEvent Event,
    string? ActivityId = null,
    ActivityKind? Kind = null,
    string? Detail = null);

/// <summary>Why an order waits for a person, as its status shows it.</summary>
public sealed record ExceptionInfo(string ReasonCode, string Detail, ActivityKind? StuckActivity, DateTimeOffset Since);

/// <summary>What an order shows while it runs: its phase, the activity it waits for, an open exception, and its timeline.</summary>
public sealed record OrderProgress(
    OrderPhase Phase,
    int Step,
    string? CurrentActivityId,
    ActivityKind? CurrentActivity,
    IReadOnlyList<TimelineEntry> Timeline,
    ExceptionInfo? Exception = null,
    DateTimeOffset? WaitingUntil = null);
