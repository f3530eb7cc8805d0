using System.Text.Json.Serialization;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Domain.Orders;

[JsonConverter(typeof(JsonStringEnumConverter<OrderPhase>))]
public enum OrderPhase
{
    Evaluating,
    WaitingForCrew,
    WaitingForHeadEnd,
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
}

public sealed record TimelineEntry(
    DateTimeOffset At,
    TimelineEvent Event,
    string? ActivityId = null,
    ActivityKind? Kind = null,
    string? Detail = null);

/// <summary>What an order shows while it runs: its phase, the activity it waits for, and its timeline.</summary>
public sealed record OrderProgress(
    OrderPhase Phase,
    int Step,
    string? CurrentActivityId,
    ActivityKind? CurrentActivity,
    IReadOnlyList<TimelineEntry> Timeline);
