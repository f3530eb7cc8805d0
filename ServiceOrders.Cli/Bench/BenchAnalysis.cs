using System.Globalization;

namespace ServiceOrders.Cli.Bench;

/// <summary>
/// The shape of an orchestration as the bench counts it in a run's history, per order: activities scheduled
/// (<c>TaskScheduled</c>), external events raised (<c>EventRaised</c>) and durable timers created (<c>TimerCreated</c>).
/// The same-shape baseline runs the bare engine in this shape.
/// </summary>
internal sealed record ShapeCounts(int Activities, int Events, int Timers)
{
    public const int Max = 100;

    /// <summary>The shape of the orders behind <paramref name="history"/> (history rows by event type), rounded to whole steps; null without orders or activities.</summary>
    public static ShapeCounts? FromHistory(IReadOnlyDictionary<string, long> history, int orders)
    {
        if (orders <= 0)
        {
            return null;
        }

        int PerOrder(string type) => (int)Math.Round(history.GetValueOrDefault(type) / (double)orders, MidpointRounding.AwayFromZero);
        var shape = new ShapeCounts(PerOrder("TaskScheduled"), PerOrder("EventRaised"), PerOrder("TimerCreated"));
        return shape.Activities is > 0 and <= Max && shape.Events <= Max && shape.Timers <= Max ? shape : null;
    }

    /// <summary><c>A,E,T</c>, e.g. <c>9,4,2</c>; null with the reason when it is not a shape.</summary>
    public static (ShapeCounts? Shape, string? Error) Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 3 || !parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= Max))
        {
            return (null, $"--shape must be ACTIVITIES,EVENTS,TIMERS, each a whole number from 0 to {Max} (e.g. 9,4,2)");
        }

        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return n[0] == 0 ? (null, "--shape needs at least one activity") : (new ShapeCounts(n[0], n[1], n[2]), null);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Activities},{Events},{Timers}");
}

/// <summary>One window of a run's timeline: the orders that ended in it, and the p50 / p95 intake to reply of those.</summary>
internal sealed record TimelineWindow(double StartSeconds, int Ended, double? P50, double? P95);

/// <summary>The figures of one request type in a run (storage requests cannot be told apart by order, so none here).</summary>
internal sealed record RequestTypeFigures(string RequestType, int Orders, int Ended, long DurableActions, double DurableActionsPerOrder, Percentiles? IntakeToReplySeconds);

/// <summary>The bench's arithmetic, apart from any I/O.</summary>
internal static class BenchMath
{
    public static readonly TimeSpan TimelineWindowLength = TimeSpan.FromSeconds(10);

    /// <summary><paramref name="value"/> over <paramref name="of"/>, to two decimals; null when either is missing or the divisor is not positive.</summary>
    public static double? Ratio(double? value, double? of) =>
        value is { } v && of is > 0 ? Math.Round(v / of.Value, 2) : null;

    /// <summary>Orders ended per second between the first send and the last end; null when nothing ended.</summary>
    public static double? Rate(int ended, DateTimeOffset first, DateTimeOffset? last) =>
        ended > 0 && last is { } l && l > first ? ended / (l - first).TotalSeconds : null;

    /// <summary>
    /// The run in windows of <paramref name="window"/> from <paramref name="start"/>: each window counts the orders whose
    /// reply came in it, with the p50 / p95 of their intake to reply. Windows with no end are kept (0, no latency), up to
    /// the last end.
    /// </summary>
    public static IReadOnlyList<TimelineWindow> Timeline(IEnumerable<(DateTimeOffset Sent, DateTimeOffset? Ended)> orders, DateTimeOffset start, TimeSpan window)
    {
        var byWindow = new SortedDictionary<int, List<double>>();
        foreach (var (sent, ended) in orders)
        {
            if (ended is not { } e || e < start)
            {
                continue;
            }

            var index = (int)Math.Floor((e - start) / window);
            if (!byWindow.TryGetValue(index, out var list))
            {
                byWindow[index] = list = [];
            }

            list.Add(Math.Max((e - sent).TotalSeconds, 0));
        }

        if (byWindow.Count == 0)
        {
            return [];
        }

        var windows = new List<TimelineWindow>();
        for (var i = 0; i <= byWindow.Keys.Max(); i++)
        {
            var p = byWindow.TryGetValue(i, out var values) ? Percentiles.Of(values) : null;
            windows.Add(new TimelineWindow(i * window.TotalSeconds, values?.Count ?? 0, p is null ? null : Math.Round(p.P50, 3), p is null ? null : Math.Round(p.P95, 3)));
        }

        return windows;
    }

    /// <summary>
    /// The run's orders grouped by request type: orders, those that ended, the durable actions of their instances
    /// (<paramref name="actionsByInstance"/>, keyed by instance id = request id) and their intake to reply.
    /// </summary>
    public static IReadOnlyList<RequestTypeFigures> ByRequestType(
        IEnumerable<(string RequestId, string RequestType, double? LatencySeconds, bool Ended)> orders, IReadOnlyDictionary<string, long> actionsByInstance) =>
        orders.GroupBy(o => o.RequestType, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var actions = g.Sum(o => actionsByInstance.GetValueOrDefault(o.RequestId));
                var count = g.Count();
                return new RequestTypeFigures(
                    g.Key, count, g.Count(o => o.Ended), actions, Math.Round(actions / (double)count, 1),
                    Percentiles.Of(g.Where(o => o.LatencySeconds is not null).Select(o => o.LatencySeconds!.Value).ToList()));
            })
            .ToList();
}
