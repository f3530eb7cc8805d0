using System.Globalization;
using System.Text;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.OperatorConsole.MassDisconnects;

/// <summary>One day of the cut calendar: its cuts by rule.</summary>
/// <param name="Date">The day, in the utility's zone.</param>
/// <param name="InMonth">Whether it belongs to the month shown (the grid starts and ends on whole weeks).</param>
/// <param name="Cuts">Its cuts, one entry a rule, scheduled ones last.</param>
public sealed record CalendarDay(DateOnly Date, bool InMonth, IReadOnlyList<CutDay> Cuts)
{
    public int Total => Cuts.Sum(c => c.Deferred + c.Scheduled);
}

/// <summary>
/// A month of deferred and scheduled cuts as a grid of weeks, Sunday first (as the utility's calendars are), so that a
/// supervisor sees which days a rule has piled cuts on.
/// </summary>
public sealed record CutCalendar(DateOnly Month, IReadOnlyList<IReadOnlyList<CalendarDay>> Weeks)
{
    /// <summary>The rule the API names for cuts the CIS asked for on a date.</summary>
    public const string ScheduledRule = "Scheduled";

    public static (DateOnly First, DateOnly Last) GridOf(DateOnly month)
    {
        var first = new DateOnly(month.Year, month.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        return (first.AddDays(-(int)first.DayOfWeek), last.AddDays(6 - (int)last.DayOfWeek));
    }

    public static CutCalendar Of(DateOnly month, IEnumerable<CutDay> cuts)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var (first, last) = GridOf(month);
        var byDay = cuts.GroupBy(c => c.Date).ToDictionary(g => g.Key, g => g
            .OrderBy(c => c.Rule == ScheduledRule)
            .ThenBy(c => c.Rule, StringComparer.Ordinal)
            .ToList());
        var weeks = new List<IReadOnlyList<CalendarDay>>();
        for (var start = first; start <= last; start = start.AddDays(7))
        {
            weeks.Add([.. Enumerable.Range(0, 7).Select(i =>
            {
                var day = start.AddDays(i);
                return new CalendarDay(day, day.Month == month.Month && day.Year == month.Year,
                    byDay.TryGetValue(day, out var list) ? list : []);
            })]);
        }

        return new CutCalendar(month, weeks);
    }

    /// <summary>A rule's name in words: <c>NoCutsOnFriday</c> becomes "No cuts on Friday"; scheduled cuts say so.</summary>
    public static string RuleName(string rule)
    {
        if (rule == ScheduledRule)
        {
            return "Scheduled by the CIS";
        }

        var text = new StringBuilder();
        for (var i = 0; i < rule.Length; i++)
        {
            var c = rule[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(rule[i - 1]))
            {
                text.Append(' ');
                // Day and month names keep their capital.
                var word = new string([.. rule[i..].TakeWhile((ch, k) => k == 0 || !char.IsUpper(ch))]);
                text.Append(IsProperName(word) ? c : char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    static bool IsProperName(string word) =>
        Enum.GetNames<DayOfWeek>().Contains(word, StringComparer.Ordinal)
        || CultureInfo.InvariantCulture.DateTimeFormat.MonthNames.Contains(word, StringComparer.Ordinal);

    /// <summary>One entry in words, e.g. "No cuts on Friday: 12 deferred".</summary>
    public static string Describe(CutDay cut)
    {
        var parts = new List<string>();
        if (cut.Deferred > 0)
        {
            parts.Add($"{cut.Deferred} deferred");
        }

        if (cut.Scheduled > 0)
        {
            parts.Add($"{cut.Scheduled} scheduled");
        }

        return $"{RuleName(cut.Rule)}: {(parts.Count == 0 ? "none" : string.Join(", ", parts))}";
    }
}

/// <summary>The head-ends' pace in a batch as horizontal bars: one a head-end, scaled to the fastest.</summary>
public static class HeadEndBars
{
    public const int Width = 560;
    public const int LabelWidth = 110;
    public const int RowHeight = 28;
    public const int ValueWidth = 170;

    public sealed record Bar(string HeadEnd, double Y, double Length, string Value);

    public static IReadOnlyList<Bar> Of(IReadOnlyList<HeadEndRate> rates)
    {
        var fastest = rates.Count == 0 ? 0 : rates.Max(r => r.PerMinute);
        var room = Width - LabelWidth - ValueWidth;
        return [.. rates
            .OrderByDescending(r => r.PerMinute).ThenBy(r => r.HeadEnd, StringComparer.Ordinal)
            .Select((r, i) => new Bar(
                r.HeadEnd,
                i * RowHeight,
                fastest <= 0 ? 0 : Math.Max(1, room * r.PerMinute / fastest),
                $"{r.PerMinute.ToString("0.#", CultureInfo.InvariantCulture)}/min, {r.Completed} done"))];
    }
}
