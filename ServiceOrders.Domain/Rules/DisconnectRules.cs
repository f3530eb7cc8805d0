using System.Globalization;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Rules;

/// <summary>
/// The rules a cut for non-payment must pass before it starts. Pure: the verdict depends only on the arguments (and
/// the time zone data of the machine), so an orchestrator can call it and wait durably for a
/// <see cref="DisconnectNotBefore"/>.
/// </summary>
/// <remarks>
/// Checks in this order: <see cref="DisconnectPolicy.Enabled"/>, life support, the maximum deferral, the calendar and
/// time of day, the weather. The calendar comes before the weather so that a wait ends at the start of the next
/// window, where the weather is looked at again.
/// </remarks>
public static class DisconnectRules
{
    /// <summary>How many days ahead the next allowed window is looked for before the cut is called impossible.</summary>
    public const int WindowSearchDays = 60;

    static readonly DisconnectAllowed Allowed = new();

    /// <summary>Whether a cut for non-payment of <paramref name="request"/> may start at <paramref name="now"/>.</summary>
    /// <param name="forecast">The temperature forecast from <paramref name="now"/> on; null when the provider could not give one.</param>
    /// <param name="firstBlockedAt">When this cut was first held back, null if it never was. The maximum deferral counts from
    /// it, or from <paramref name="now"/> when null. A wait that would end past that limit is forbidden at once, since the
    /// check at its end would forbid it anyway.</param>
    /// <param name="point">The service point as the registry has it: its life support flag counts as much as the request's.</param>
    public static DisconnectVerdict Check(
        DisconnectPolicy policy, ServiceOrderRequest request, DateTimeOffset now, WeatherForecast? forecast, DateTimeOffset? firstBlockedAt = null,
        ServicePoint? point = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);

        // These rules restrict cuts for non-payment only; a move-out or meter removal is not held back by them.
        if (!policy.Enabled || request.RequestType != RequestType.CutForNonPayment)
        {
            return Allowed;
        }

        if (request.Account?.LifeSupport == true || point?.LifeSupport == true)
        {
            return new DisconnectForbidden(DisconnectReasons.LifeSupport,
                request.Account?.LifeSupport == true
                    ? "The account is flagged for life support or medical necessity: no cut for non-payment"
                    : "The service point is flagged for life support or medical necessity in the registry: no cut for non-payment");
        }

        var problems = FindProblems(policy, out var zone);
        if (zone is null || problems.Count > 0)
        {
            return new DisconnectForbidden(DisconnectReasons.InvalidPolicy, "The disconnect policy cannot be applied: " + string.Join("; ", problems));
        }

        var since = firstBlockedAt ?? now;
        if (now - since > policy.MaxDeferral)
        {
            return new DisconnectForbidden(DisconnectReasons.DisconnectWindowExceeded,
                Invariant($"Held back since {Format(since, zone)}, longer than the {Format(policy.MaxDeferral)} allowed"));
        }

        var verdict = CheckCalendar(policy, zone, now) ?? CheckWeather(policy, now, forecast) ?? Allowed;
        if (verdict is DisconnectNotBefore wait && wait.Until - since > policy.MaxDeferral)
        {
            return new DisconnectForbidden(DisconnectReasons.DisconnectWindowExceeded,
                Invariant($"{wait.Detail}; waiting until {Format(wait.Until, zone)} would exceed the {Format(policy.MaxDeferral)} allowed from {Format(since, zone)}"));
        }

        return verdict;
    }

    /// <summary>Whether the policy needs a forecast at all: false when it is off or sets no temperature limit.</summary>
    public static bool NeedsForecast(DisconnectPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Enabled && (policy.ColdLimitF is not null || policy.HotLimitF is not null);
    }

    /// <summary>What makes the policy unusable, for validation at start-up; empty when it is fine.</summary>
    public static IReadOnlyList<string> FindProblems(DisconnectPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return FindProblems(policy, out _);
    }

    static List<string> FindProblems(DisconnectPolicy policy, out TimeZoneInfo? zone)
    {
        var problems = new List<string>();
        zone = FindZone(policy.TimeZoneId);
        if (zone is null)
        {
            problems.Add($"unknown time zone '{policy.TimeZoneId}'");
        }

        if (policy.WindowStart >= policy.Cutoff)
        {
            problems.Add(Invariant($"the window start {policy.WindowStart:HH\\:mm} is not before the cutoff {policy.Cutoff:HH\\:mm}"));
        }

        if (policy is { ColdLimitF: { } cold, HotLimitF: { } hot } && cold >= hot)
        {
            problems.Add($"the cold limit {Format(cold)} °F is not below the heat limit {Format(hot)} °F");
        }

        if (policy.ForecastHorizon < TimeSpan.Zero)
        {
            problems.Add("the forecast horizon is negative");
        }

        if (policy.WeatherRecheck <= TimeSpan.Zero)
        {
            problems.Add("the weather re-check interval is not positive");
        }

        if (policy.MaxDeferral < TimeSpan.Zero)
        {
            problems.Add("the maximum deferral is negative");
        }

        return problems;
    }

    static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    static DisconnectVerdict? CheckCalendar(DisconnectPolicy policy, TimeZoneInfo zone, DateTimeOffset now)
    {
        var calendar = new DisconnectCalendar(policy, zone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);

        var blocked = calendar.BlockedBecause(today);
        if (blocked is null)
        {
            if (calendar.WindowOn(today) is { } window)
            {
                if (now < window.Start)
                {
                    return new DisconnectNotBefore(window.Start, DisconnectReasons.BeforeWindow,
                        Invariant($"Cuts begin at {policy.WindowStart:HH\\:mm}; it is {local:HH\\:mm} ({zone.Id})"));
                }

                if (now < window.End)
                {
                    return null;
                }
            }

            blocked = (DisconnectReasons.AfterCutoff, Invariant($"No cut starts at or after {policy.Cutoff:HH\\:mm}; it is {local:HH\\:mm} ({zone.Id})"));
        }

        var (reason, detail) = blocked.Value;
        return calendar.NextWindowStart(today, now, WindowSearchDays) is { } next
            ? new DisconnectNotBefore(next, reason, $"{detail}; next window {Format(next, zone)}")
            : new DisconnectForbidden(DisconnectReasons.NoDisconnectWindow, $"{detail}, and no day in the next {WindowSearchDays} days allows a cut");
    }

    static DisconnectVerdict? CheckWeather(DisconnectPolicy policy, DateTimeOffset now, WeatherForecast? forecast)
    {
        if (policy.ColdLimitF is null && policy.HotLimitF is null)
        {
            return null;
        }

        var recheck = now + policy.WeatherRecheck;
        var again = $"looked at again in {Format(policy.WeatherRecheck)}";
        if (forecast?.Points is null)
        {
            return new DisconnectNotBefore(recheck, DisconnectReasons.WeatherUnknown, $"No weather forecast is available; {again}");
        }

        // Points in the past or beyond the horizon say nothing about the weather that matters.
        var points = forecast.Points
            .Where(p => p is not null && p.At >= now && p.At - now <= policy.ForecastHorizon)
            .ToList();
        if (points.Count == 0)
        {
            return new DisconnectNotBefore(recheck, DisconnectReasons.WeatherUnknown,
                $"The forecast has no point within the next {Format(policy.ForecastHorizon)}; {again}");
        }

        var coldest = points.Min(p => p.TemperatureF);
        if (policy.ColdLimitF is { } cold && coldest <= cold)
        {
            return new DisconnectNotBefore(recheck, DisconnectReasons.WeatherHold,
                $"Forecast reaches {Format(coldest)} °F within {Format(policy.ForecastHorizon)} (no cut at {Format(cold)} °F or below); {again}");
        }

        var hottest = points.Max(p => p.TemperatureF);
        if (policy.HotLimitF is { } hot && hottest >= hot)
        {
            return new DisconnectNotBefore(recheck, DisconnectReasons.WeatherHold,
                $"Forecast reaches {Format(hottest)} °F within {Format(policy.ForecastHorizon)} (no cut at {Format(hot)} °F or above); {again}");
        }

        return null;
    }

    static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    internal static string Format(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("dddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    static string Format(decimal temperatureF) => temperatureF.ToString("0.##", CultureInfo.InvariantCulture);

    static string Format(TimeSpan span)
    {
        var ticks = span.Ticks;
        if (ticks % TimeSpan.TicksPerHour == 0 && span <= TimeSpan.FromHours(72))
        {
            return Invariant($"{ticks / TimeSpan.TicksPerHour} h");
        }

        if (ticks % TimeSpan.TicksPerDay == 0)
        {
            var days = ticks / TimeSpan.TicksPerDay;
            return days == 1 ? "1 day" : Invariant($"{days} days");
        }

        if (ticks % TimeSpan.TicksPerHour == 0)
        {
            return Invariant($"{ticks / TimeSpan.TicksPerHour} h");
        }

        return ticks % TimeSpan.TicksPerMinute == 0
            ? Invariant($"{ticks / TimeSpan.TicksPerMinute} min")
            : span.ToString("c", CultureInfo.InvariantCulture);
    }
}
