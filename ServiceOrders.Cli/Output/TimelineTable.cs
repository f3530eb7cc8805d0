using System.Globalization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Output;

/// <summary>
/// Order timelines as aligned columns: offset from the order's first entry, event, activity kind, activity id, detail.
/// The columns are sized over all the timelines given, so that consecutive tables line up with each other.
/// </summary>
internal sealed class TimelineTable
{
    /// <summary>Details are notes, not data; interval reads list every value, so long ones are cut.</summary>
    const int MaxDetailLength = 90;

    const int ColumnCount = 5;

    readonly int[] widths;

    /// <summary>Columns empty in every row (when no order had activities) are left out rather than widen the gaps.</summary>
    readonly int[] shownColumns;

    public TimelineTable(IEnumerable<IReadOnlyList<TimelineEntry>> timelines)
    {
        widths = new int[ColumnCount];
        foreach (var row in timelines.SelectMany(Rows))
        {
            for (var c = 0; c < ColumnCount; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        shownColumns = Enumerable.Range(0, ColumnCount).Where(c => widths[c] > 0).ToArray();
    }

    public void Write(TextWriter writer, IReadOnlyList<TimelineEntry> timeline, string indent)
    {
        if (timeline.Count == 0)
        {
            writer.WriteLine($"{indent}(no timeline yet)");
            return;
        }

        foreach (var row in Rows(timeline))
        {
            // Offsets align on the right so that the decimal points line up; the text columns on the left.
            var cells = shownColumns.Select(c => c == 0 ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]));
            writer.WriteLine((indent + string.Join("  ", cells)).TrimEnd());
        }
    }

    static IEnumerable<string[]> Rows(IReadOnlyList<TimelineEntry> timeline)
    {
        if (timeline.Count == 0)
        {
            yield break;
        }

        var first = timeline[0].At;
        foreach (var entry in timeline)
        {
            yield return
            [
                string.Create(CultureInfo.InvariantCulture, $"+{(entry.At - first).TotalSeconds:0.00}s"),
                entry.Event.ToString(),
                entry.Kind?.ToString() ?? "",
                entry.ActivityId is null ? "" : Printable.Clip(entry.ActivityId, 80),
                entry.Detail is null ? "" : Printable.Clip(entry.Detail, MaxDetailLength),
            ];
        }
    }
}
