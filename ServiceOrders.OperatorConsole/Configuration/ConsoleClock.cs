using System.Globalization;

namespace ServiceOrders.OperatorConsole.Configuration;

/// <summary>Shows times in the utility's time zone, and names that zone, so that nobody on shift converts from UTC.</summary>
public sealed class ConsoleClock(TimeZoneInfo zone, TimeProvider time)
{
    public ConsoleClock(string zoneId, TimeProvider time) : this(TimeZoneInfo.FindSystemTimeZoneById(zoneId), time)
    {
    }

    /// <summary>The zone's IANA name, e.g. <c>America/Chicago</c>.</summary>
    public string ZoneName => zone.Id;

    public DateTimeOffset Now => time.GetUtcNow();

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    /// <summary>A wall-clock time a person entered in the zone (a <c>datetime-local</c> field), as an instant.</summary>
    public DateTimeOffset FromLocal(DateTime local)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }

    /// <summary>Date and time in the zone, without the zone's name (for tables whose heading names it).</summary>
    public string Format(DateTimeOffset at) => Local(at).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Date and time in the zone, with the zone's name.</summary>
    public string FormatWithZone(DateTimeOffset at) => $"{Format(at)} {ZoneName}";

    /// <summary>A duration as people say it: <c>45 s</c>, <c>12 min</c>, <c>3 h 5 min</c>, <c>2 d 4 h</c>.</summary>
    public static string Duration(TimeSpan span)
    {
        if (span < TimeSpan.Zero)
        {
            span = TimeSpan.Zero;
        }

        return span.TotalSeconds < 60 ? $"{span.TotalSeconds:0.#} s"
            : span.TotalMinutes < 60 ? $"{(int)span.TotalMinutes} min"
            : span.TotalHours < 24 ? $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{(int)span.TotalDays} d {span.Hours} h";
    }
}
