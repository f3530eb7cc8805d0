using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Rules;
using static ServiceOrders.Tests.Domain.Rules.DisconnectRulesTestData;

namespace ServiceOrders.Tests.Domain.Rules;

/// <summary>Weather holds with the default policy (no cut when the next 72 h reach 32 °F or 95 °F; look again in 6 h), at an allowed hour.</summary>
public class DisconnectRulesWeatherTests
{
    static readonly DisconnectPolicy Policy = DisconnectPolicy.Default;

    static readonly DateTimeOffset Now = new(2026, 3, 3, 10, 0, 0, Cst);

    static DisconnectVerdict Check(WeatherForecast? forecast, DisconnectPolicy? policy = null) =>
        DisconnectRules.Check(policy ?? Policy, Cut(), Now, forecast);

    /// <summary>Mild weather, but one point at <paramref name="temperatureF"/> <paramref name="hoursAhead"/> hours from now.</summary>
    static WeatherForecast MildExceptAt(double hoursAhead, decimal temperatureF) =>
        new([.. Mild(Now).Points, new ForecastPoint(Now.AddHours(hoursAhead), temperatureF)]);

    [Fact]
    public void WhenTheForecastReachesFreezing_TheCutWaitsForTheNextLookAtTheWeather()
    {
        var wait = AssertWaitsUntil(Now.AddHours(6), DisconnectReasons.WeatherHold, Check(MildExceptAt(40, 28m)));

        Assert.StartsWith("Forecast reaches 28 °F within 72 h", wait.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32.0)]
    [InlineData(95.0)]
    [InlineData(101.5)]
    [InlineData(-4.0)]
    public void AtOrBeyondATemperatureLimit_TheCutIsHeldForTheWeather(double temperatureF)
    {
        AssertWaitsUntil(Now.AddHours(6), DisconnectReasons.WeatherHold, Check(MildExceptAt(12, (decimal)temperatureF)));
    }

    [Theory]
    [InlineData(32.1)]
    [InlineData(94.9)]
    public void JustInsideTheTemperatureLimits_ACutIsAllowed(double temperatureF)
    {
        Assert.IsType<DisconnectAllowed>(Check(MildExceptAt(12, (decimal)temperatureF)));
    }

    [Fact]
    public void AHeatWaveIsReportedWithItsPeak()
    {
        var wait = Assert.IsType<DisconnectNotBefore>(Check(Steady(Now, 97m)));

        Assert.StartsWith("Forecast reaches 97 °F within 72 h (no cut at 95 °F or above)", wait.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AColdPointAtTheEndOfTheHorizon_StillHoldsTheCut()
    {
        AssertWaitsUntil(Now.AddHours(6), DisconnectReasons.WeatherHold, Check(MildExceptAt(72, 20m)));
    }

    [Fact]
    public void ForecastPointsBeyondTheHorizonAreIgnored()
    {
        Assert.IsType<DisconnectAllowed>(Check(MildExceptAt(72.5, 10m)));
    }

    [Fact]
    public void ForecastPointsInThePastAreIgnored()
    {
        Assert.IsType<DisconnectAllowed>(Check(MildExceptAt(-1, 10m)));
    }

    [Fact]
    public void WithoutAForecast_TheCutWaitsAsIfTheWeatherWereBad()
    {
        AssertWaitsUntil(Now.AddHours(6), DisconnectReasons.WeatherUnknown, Check(forecast: null));
    }

    [Fact]
    public void AForecastWithNoPointWithinTheHorizon_CountsAsNoForecast()
    {
        AssertWaitsUntil(Now.AddHours(6), DisconnectReasons.WeatherUnknown, Check(new WeatherForecast([new ForecastPoint(Now.AddDays(5), 60m)])));
        AssertWaitsUntil(Now.AddHours(6), DisconnectReasons.WeatherUnknown, Check(new WeatherForecast([])));
    }

    [Fact]
    public void TheHorizonLimitsAndRecheckComeFromThePolicy()
    {
        // Illinois: 24 hours at 32 °F or below; no heat rule.
        var illinois = Policy with { ForecastHorizon = TimeSpan.FromHours(24), HotLimitF = null, WeatherRecheck = TimeSpan.FromHours(2) };

        Assert.IsType<DisconnectAllowed>(Check(MildExceptAt(30, 20m), illinois));
        Assert.IsType<DisconnectAllowed>(Check(Steady(Now, 104m), illinois));
        var wait = AssertWaitsUntil(Now.AddHours(2), DisconnectReasons.WeatherHold, Check(MildExceptAt(20, 31.5m), illinois));
        Assert.Equal("Forecast reaches 31.5 °F within 24 h (no cut at 32 °F or below); looked at again in 2 h", wait.Detail);
    }

    [Fact]
    public void WithoutTemperatureLimits_NoForecastIsNeeded()
    {
        Assert.IsType<DisconnectAllowed>(Check(forecast: null, Policy with { ColdLimitF = null, HotLimitF = null }));
    }

    [Fact]
    public void OnABlockedDay_TheCalendarDecidesBeforeTheWeather()
    {
        var sunday = new DateTimeOffset(2026, 3, 8, 10, 0, 0, Cdt);

        var verdict = DisconnectRules.Check(Policy, Cut(), sunday, Steady(sunday, 5m));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 9, 8, 0, 0, Cdt), DisconnectReasons.Weekend, verdict);
    }
}
