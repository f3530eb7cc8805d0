using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// How the order should end and the activities that should succeed on the way, in order. <paramref name="State"/> says
/// what is wrong with the final state, if anything; it and <paramref name="Timeline"/> are asked only when the outcome
/// is right.
/// </summary>
internal sealed record Expectation(
    OrderOutcome Outcome,
    IReadOnlyList<ActivityKind> Path,
    string? ReasonCode = null,
    Func<OrderView, IEnumerable<string>>? State = null,
    IReadOnlyList<TimelineCheck>? Timeline = null);

/// <summary>
/// How often the timeline shows an event (of an activity kind, when given, with a detail that starts as given):
/// exactly <paramref name="Times"/>, or at least once when that is null.
/// </summary>
internal sealed record TimelineCheck(TimelineEvent Event, ActivityKind? Kind = null, int? Times = null, string? DetailStart = null)
{
    public bool Matches(TimelineEntry entry) =>
        entry.Event == Event
        && (Kind is null || entry.Kind == Kind)
        && (DetailStart is null || (entry.Detail?.StartsWith(DetailStart, StringComparison.Ordinal) ?? false));

    /// <summary>What differs from the check in <paramref name="timeline"/>, or null when it holds.</summary>
    public string? Difference(IReadOnlyList<TimelineEntry> timeline)
    {
        var count = timeline.Count(Matches);
        return Times is { } times
            ? count == times ? null : $"expected {times} × {Describe(Event, Kind, DetailStart)}, got {count}"
            : count > 0 ? null : $"expected {Describe(Event, Kind, DetailStart)}, got none";
    }

    public static string Describe(TimelineEvent timelineEvent, ActivityKind? kind, string? detailStart) =>
        timelineEvent + (kind is null ? "" : $" {kind}") + (detailStart is null ? "" : $" ({detailStart}…)");
}
