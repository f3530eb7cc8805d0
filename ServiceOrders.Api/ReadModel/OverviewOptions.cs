using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Api.ReadModel;

/// <summary>One SLA band of exception age: from <see cref="FromHours"/> (inclusive) to <see cref="ToHours"/> (exclusive, none for the last).</summary>
public sealed class AgeBand
{
    public string Label { get; set; } = "";

    public double FromHours { get; set; }

    public double? ToHours { get; set; }

    /// <summary><c>ok</c>, <c>watch</c>, <c>late</c> or <c>breach</c>.</summary>
    public string Zone { get; set; } = "";
}

/// <summary>
/// Settings of the operations overview (section <c>Overview</c>): the utility's time zone for "today" and cut days,
/// the SLA bands of exception age, and how long a computed overview is served to every caller before it is taken again.
/// </summary>
public sealed class OverviewOptions
{
    public const string SectionName = "Overview";

    /// <summary>The zones a band may have, for colouring.</summary>
    public static readonly IReadOnlyList<string> Zones = ["ok", "watch", "late", "breach"];

    /// <summary>IANA time zone id; default <c>America/Chicago</c>.</summary>
    public string TimeZone { get; set; } = "America/Chicago";

    /// <summary>The bands, youngest first, contiguous from 0; none configured: under 1 h, 1–4 h, 4–24 h, over 24 h.</summary>
    public List<AgeBand> AgeBands { get; set; } = [];

    /// <summary>
    /// How long one overview is served (default 3 s): many consoles polling share one read of storage, and a change
    /// still shows within the console's 2 s refresh plus this.
    /// </summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>The bands in force: those configured, or the defaults.</summary>
    public IReadOnlyList<AgeBand> Bands => AgeBands.Count > 0 ? AgeBands :
    [
        new() { Label = "< 1 h", FromHours = 0, ToHours = 1, Zone = "ok" },
        new() { Label = "1–4 h", FromHours = 1, ToHours = 4, Zone = "watch" },
        new() { Label = "4–24 h", FromHours = 4, ToHours = 24, Zone = "late" },
        new() { Label = "> 24 h", FromHours = 24, ToHours = null, Zone = "breach" },
    ];

    /// <summary>Whether the settings hold together: a known zone, bands from 0 that follow each other, the last open-ended.</summary>
    public bool IsValid()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _) || CacheFor < TimeSpan.Zero || CacheFor > TimeSpan.FromMinutes(1))
        {
            return false;
        }

        var bands = Bands;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var last = i == bands.Count - 1;
            if (string.IsNullOrWhiteSpace(band.Label) || !Zones.Contains(band.Zone)
                || band.FromHours != (i == 0 ? 0 : bands[i - 1].ToHours)
                || (last ? band.ToHours is not null : band.ToHours is not { } to || to <= band.FromHours))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many of <paramref name="ages"/> (in hours) fall in each band.</summary>
    public IReadOnlyList<AgeBandCount> Count(IEnumerable<double> ages)
    {
        var bands = Bands;
        var counts = new int[bands.Count];
        foreach (var age in ages)
        {
            var i = 0;
            while (i < bands.Count - 1 && age >= bands[i].ToHours)
            {
                i++;
            }

            counts[i]++;
        }

        return [.. bands.Select((b, i) => new AgeBandCount(b.Label, b.FromHours, b.ToHours, b.Zone, counts[i]))];
    }
}
