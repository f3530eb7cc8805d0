using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.OperatorConsole.Orders;

/// <summary>One activity or command on the order's path: when it was sent, when it was answered (or still open), and how.</summary>
/// <param name="ActivityId">The activity or command.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Start">When it was sent.</param>
/// <param name="End">When it was answered; null while it is open.</param>
/// <param name="Result">The answer's event (Succeeded, Failed, NotDone, TimedOut); null while open.</param>
public sealed record ActivitySpan(string ActivityId, ActivityKind? Kind, DateTimeOffset Start, DateTimeOffset? End, TimelineEvent? Result)
{
    public TimeSpan Duration(DateTimeOffset now) => (End ?? now) - Start;
}

/// <summary>The order's timeline arranged for a picture: activities as bars with their durations, everything else as marks.</summary>
public sealed record TimelinePicture(DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ActivitySpan> Activities, IReadOnlyList<TimelineEntry> Marks)
{
    static readonly TimelineEvent[] Starts = [TimelineEvent.Dispatched, TimelineEvent.CommandSent];

    static readonly TimelineEvent[] Ends = [TimelineEvent.Succeeded, TimelineEvent.Failed, TimelineEvent.NotDone, TimelineEvent.TimedOut];

    public static TimelinePicture Of(IReadOnlyList<TimelineEntry> timeline, DateTimeOffset now, bool running)
    {
        var spans = new List<ActivitySpan>();
        var marks = new List<TimelineEntry>();
        foreach (var entry in timeline)
        {
            if (entry.ActivityId is { } id && Starts.Contains(entry.Event))
            {
                if (spans.FindIndex(s => s.ActivityId == id) < 0)
                {
                    spans.Add(new ActivitySpan(id, entry.Kind, entry.At, null, null));
                }
            }
            else if (entry.ActivityId is { } ended && Ends.Contains(entry.Event)
                && spans.FindLastIndex(s => s.ActivityId == ended && s.End is null) is var open and >= 0)
            {
                spans[open] = spans[open] with { End = entry.At, Result = entry.Event };
            }
            else if (entry.Event is not (TimelineEvent.CommandAccepted or TimelineEvent.IgnoredMessage))
            {
                marks.Add(entry);
            }
        }

        var from = timeline.Count > 0 ? timeline[0].At : now;
        var to = running ? now : timeline.Count > 0 ? timeline[^1].At : now;
        if (to <= from)
        {
            to = from.AddSeconds(1);
        }

        return new TimelinePicture(from, to, spans, marks);
    }

    /// <summary>Where <paramref name="at"/> falls between <see cref="From"/> and <see cref="To"/>, 0 to 1.</summary>
    public double Position(DateTimeOffset at) => Math.Clamp((at - From) / (To - From), 0, 1);
}
