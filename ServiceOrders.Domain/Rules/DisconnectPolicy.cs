namespace ServiceOrders.Domain.Rules;

/// <summary>
/// When a utility may cut service for non-payment, in the utility's own time zone. Plain data: it travels in each
/// order's input. The defaults follow the Illinois and Maryland rules (no cut after 2 p.m., none on a weekend or
/// holiday or the day before one, none when the forecast reaches 32 °F or 95 °F).
/// </summary>
public sealed record DisconnectPolicy
{
    public static DisconnectPolicy Default { get; } = new();

    /// <summary>False for a utility without such rules: every cut is allowed, life support included.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The IANA id of the utility's time zone; days and times below are local to it.</summary>
    public string TimeZoneId { get; init; } = "America/Chicago";

    /// <summary>Local time of day from which cuts may begin.</summary>
    public TimeOnly WindowStart { get; init; } = new(8, 0);

    /// <summary>Local time of day at and after which no cut starts.</summary>
    public TimeOnly Cutoff { get; init; } = new(14, 0);

    /// <summary>No cut on Saturdays and Sundays.</summary>
    public bool NoCutOnWeekends { get; init; } = true;

    /// <summary>No cut on the day before a weekend day (Friday); applies only with <see cref="NoCutOnWeekends"/>.</summary>
    public bool NoCutOnDayBeforeWeekend { get; init; } = true;

    /// <summary>Local dates without cuts.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    /// <summary>No cut on the day before a holiday.</summary>
    public bool NoCutOnDayBeforeHoliday { get; init; } = true;

    /// <summary>No cut when the forecast reaches this temperature or below; null for no cold limit.</summary>
    public decimal? ColdLimitF { get; init; } = 32m;

    /// <summary>No cut when the forecast reaches this temperature or above; null for no heat limit.</summary>
    public decimal? HotLimitF { get; init; } = 95m;

    /// <summary>How far ahead the forecast is looked at.</summary>
    public TimeSpan ForecastHorizon { get; init; } = TimeSpan.FromHours(72);

    /// <summary>How long a weather hold waits before the forecast is looked at again.</summary>
    public TimeSpan WeatherRecheck { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How long a cut may be held back, counted from the first time it was; then a person decides.</summary>
    public TimeSpan MaxDeferral { get; init; } = TimeSpan.FromDays(14);
}
