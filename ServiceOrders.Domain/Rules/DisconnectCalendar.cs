using System.Globalization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Rules;

/// <summary>
/// The days and hours of a <see cref="DisconnectPolicy"/> in its time zone. A window is a span of instants: it opens at
/// the first instant the local clock reads <see cref="DisconnectPolicy.WindowStart"/> or later on that date, and closes
/// likewise at <see cref="DisconnectPolicy.Cutoff"/>, so daylight saving changes move the offset, never the local time.
/// </summary>
internal sealed class DisconnectCalendar(DisconnectPolicy policy, TimeZoneInfo zone)
{
    readonly HashSet<DateOnly> holidays = [.. policy.Holidays ?? []];

    public (string Code, string Detail)? BlockedBecause(DateOnly day)
    {
        if (holidays.Contains(day))
        {
            return (DisconnectReasons.Holiday, $"No cuts on holidays ({Format(day)})");
        }

        if (policy.NoCutOnWeekends && IsWeekend(day))
        {
            return (DisconnectReasons.Weekend, $"No cuts on weekends ({Format(day)})");
        }

        var tomorrow = day.AddDays(1);
        if (policy.NoCutOnDayBeforeHoliday && holidays.Contains(tomorrow))
        {
            return (DisconnectReasons.DayBeforeHoliday, $"No cuts on the day before a holiday ({Format(day)}, before {Format(tomorrow)})");
        }

        if (policy.NoCutOnWeekends && policy.NoCutOnDayBeforeWeekend && IsWeekend(tomorrow))
        {
            return (DisconnectReasons.DayBeforeWeekend, $"No cuts on the day before a weekend ({Format(day)})");
        }

        return null;
    }

    /// <summary>The window on <paramref name="day"/>, or null when the day has none (its local times do not exist).</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? WindowOn(DateOnly day)
    {
        var start = FirstInstantAtOrAfter(day, policy.WindowStart);
        var end = FirstInstantAtOrAfter(day, policy.Cutoff);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(start, zone).DateTime) == day && start < end
            ? (start, end)
            : null;
    }

    /// <summary>The start of the first window after <paramref name="today"/> on a day that allows cuts, searching <paramref name="days"/> days.</summary>
    public DateTimeOffset? NextWindowStart(DateOnly today, DateTimeOffset now, int days)
    {
        for (var i = 1; i <= days; i++)
        {
            var day = today.AddDays(i);
            if (BlockedBecause(day) is null && WindowOn(day) is { } window && window.Start > now)
            {
                return window.Start;
            }
        }

        return null;
    }

    /// <summary>
    /// The local time on the date as an instant. A time skipped by a spring-forward change becomes the end of the gap
    /// (the first instant the clock reads that time or later); a time repeated by a fall-back change is its first occurrence.
    /// </summary>
    DateTimeOffset FirstInstantAtOrAfter(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Gaps end on a whole minute; a day is the longest one ever (a zone that skipped a date).
            local = local.AddTicks(-(local.Ticks % TimeSpan.TicksPerMinute));
            for (var minutes = 0; minutes < 26 * 60 && zone.IsInvalidTime(local); minutes++)
            {
                local = local.AddMinutes(1);
            }
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    static string Format(DateOnly day) => day.ToString("dddd yyyy-MM-dd", CultureInfo.InvariantCulture);
}
