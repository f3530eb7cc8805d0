using System.Text.Json;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Rules;
using static ServiceOrders.Tests.Domain.Rules.DisconnectRulesTestData;

namespace ServiceOrders.Tests.Domain.Rules;

public class DisconnectRulesTests
{
    static readonly DisconnectPolicy Policy = DisconnectPolicy.Default;

    // Tuesday 2026-03-03 10:00 in Chicago: an ordinary working morning.
    static readonly DateTimeOffset TuesdayMorning = new(2026, 3, 3, 10, 0, 0, Cst);

    public static TheoryData<DateTimeOffset> AnyTime() =>
    [
        TuesdayMorning,
        new DateTimeOffset(2026, 3, 3, 6, 0, 0, Cst),
        new DateTimeOffset(2026, 3, 3, 16, 0, 0, Cst),
        new DateTimeOffset(2026, 3, 8, 10, 0, 0, Cdt),
        new DateTimeOffset(2026, 12, 25, 10, 0, 0, Cst),
    ];

    [Fact]
    public void OnAnOrdinaryMorningInMildWeather_ACutIsAllowed()
    {
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(Policy, TuesdayMorning));
    }

    [Theory]
    [MemberData(nameof(AnyTime))]
    public void WhenTheAccountIsOnLifeSupport_ACutIsForbiddenAtAnyTime(DateTimeOffset now)
    {
        var verdict = DisconnectRules.Check(Policy, Cut(lifeSupport: true), now, Steady(now, 10m), firstBlockedAt: now.AddDays(-30));

        Assert.Equal(DisconnectReasons.LifeSupport, Assert.IsType<DisconnectForbidden>(verdict).ReasonCode);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void LifeSupportOnTheRequestOrInTheRegistry_EitherForbidsTheCut(bool onRequest, bool inRegistry)
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M-1", MeterClass.Smart, true, SwitchState.Connected), LifeSupport: inRegistry);

        var verdict = DisconnectRules.Check(Policy, Cut(lifeSupport: onRequest), TuesdayMorning, Steady(TuesdayMorning, 60m), point: point);

        var forbidden = Assert.IsType<DisconnectForbidden>(verdict);
        Assert.Equal(DisconnectReasons.LifeSupport, forbidden.ReasonCode);
        Assert.Contains(onRequest ? "account" : "registry", forbidden.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAFlagOnEither_TheRegistryDoesNotHoldTheCut() =>
        Assert.IsType<DisconnectAllowed>(DisconnectRules.Check(Policy, Cut(lifeSupport: false), TuesdayMorning, Steady(TuesdayMorning, 60m),
            point: new ServicePoint("SP-1", Commodity.Electric, new Meter("M-1", MeterClass.Smart, true, SwitchState.Connected))));

    [Fact]
    public void WhenThePolicyIsDisabled_ACutIsAllowedEvenOnASundayInAFreeze()
    {
        var sunday = new DateTimeOffset(2026, 3, 8, 18, 0, 0, Cdt);

        var verdict = DisconnectRules.Check(Policy with { Enabled = false }, Cut(), sunday, Steady(sunday, -10m));

        Assert.IsType<DisconnectAllowed>(verdict);
    }

    [Fact]
    public void ForRequestsOtherThanACutForNonPayment_TheRulesDoNotHoldBackADisconnect()
    {
        var sunday = new DateTimeOffset(2026, 3, 8, 18, 0, 0, Cdt);
        var moveOut = Cut() with { RequestType = RequestType.DisableService };

        Assert.IsType<DisconnectAllowed>(DisconnectRules.Check(Policy, moveOut, sunday, forecast: null));
    }

    [Fact]
    public void WhenHeldBackLongerThanTheMaximumDeferral_ACutIsForbidden()
    {
        var verdict = CheckInMildWeather(Policy, TuesdayMorning, firstBlockedAt: TuesdayMorning.AddDays(-14).AddMinutes(-1));

        Assert.Equal(DisconnectReasons.DisconnectWindowExceeded, Assert.IsType<DisconnectForbidden>(verdict).ReasonCode);
    }

    [Fact]
    public void WhenHeldBackForExactlyTheMaximumDeferral_TheOtherRulesStillDecide()
    {
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(Policy, TuesdayMorning, firstBlockedAt: TuesdayMorning.AddDays(-14)));
    }

    [Fact]
    public void WhenTheNextWindowLiesBeyondTheMaximumDeferral_ACutIsForbiddenAtOnce()
    {
        // Friday afternoon: the next window is Monday 08:00, three days on; the limit runs out on Saturday.
        var friday = new DateTimeOffset(2026, 3, 6, 15, 0, 0, Cst);

        var verdict = CheckInMildWeather(Policy, friday, firstBlockedAt: friday.AddDays(-13));

        var forbidden = Assert.IsType<DisconnectForbidden>(verdict);
        Assert.Equal(DisconnectReasons.DisconnectWindowExceeded, forbidden.ReasonCode);
        Assert.Contains("No cuts on the day before a weekend", forbidden.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheNextWindowIsWithinTheMaximumDeferral_TheCutWaitsForIt()
    {
        var friday = new DateTimeOffset(2026, 3, 6, 15, 0, 0, Cst);

        var verdict = CheckInMildWeather(Policy, friday, firstBlockedAt: friday.AddDays(-10));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 9, 8, 0, 0, Cdt), DisconnectReasons.DayBeforeWeekend, verdict);
    }

    [Fact]
    public void WhenAWeatherRecheckWouldEndBeyondTheMaximumDeferral_ACutIsForbiddenAtOnce()
    {
        var verdict = DisconnectRules.Check(Policy, Cut(), TuesdayMorning, Steady(TuesdayMorning, 20m),
            firstBlockedAt: TuesdayMorning.AddDays(-14).AddHours(1));

        Assert.Equal(DisconnectReasons.DisconnectWindowExceeded, Assert.IsType<DisconnectForbidden>(verdict).ReasonCode);
    }

    [Fact]
    public void WithAnUnknownTimeZone_ACutIsForbiddenAsAnInvalidPolicy()
    {
        var verdict = CheckInMildWeather(Policy with { TimeZoneId = "America/Atlantis" }, TuesdayMorning);

        var forbidden = Assert.IsType<DisconnectForbidden>(verdict);
        Assert.Equal(DisconnectReasons.InvalidPolicy, forbidden.ReasonCode);
        Assert.Contains("America/Atlantis", forbidden.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultPolicyHasNoProblems()
    {
        Assert.Empty(DisconnectRules.FindProblems(DisconnectPolicy.Default));
    }

    [Fact]
    public void APolicyThatCannotWorkNamesEachProblem()
    {
        var policy = new DisconnectPolicy
        {
            TimeZoneId = "",
            WindowStart = new TimeOnly(15, 0),
            Cutoff = new TimeOnly(14, 0),
            ColdLimitF = 100m,
            HotLimitF = 90m,
            ForecastHorizon = TimeSpan.FromHours(-1),
            WeatherRecheck = TimeSpan.Zero,
            MaxDeferral = TimeSpan.FromDays(-1),
        };

        Assert.Equal(6, DisconnectRules.FindProblems(policy).Count);
        Assert.Equal(DisconnectReasons.InvalidPolicy, Assert.IsType<DisconnectForbidden>(CheckInMildWeather(policy, TuesdayMorning)).ReasonCode);
    }

    [Fact]
    public void APolicyWithoutTemperatureLimitsNeedsNoForecast()
    {
        Assert.True(DisconnectRules.NeedsForecast(DisconnectPolicy.Default));
        Assert.False(DisconnectRules.NeedsForecast(Policy with { ColdLimitF = null, HotLimitF = null }));
        Assert.False(DisconnectRules.NeedsForecast(Policy with { Enabled = false }));
    }

    [Fact]
    public void APolicyRoundTripsThroughJson()
    {
        var policy = new DisconnectPolicy
        {
            TimeZoneId = "America/New_York",
            WindowStart = new TimeOnly(9, 30),
            Holidays = [new DateOnly(2026, 12, 25)],
            HotLimitF = null,
            ForecastHorizon = TimeSpan.FromHours(24),
        };

        var copy = JsonSerializer.Deserialize<DisconnectPolicy>(JsonSerializer.Serialize(policy));

        Assert.NotNull(copy);
        Assert.Equal(policy with { Holidays = [] }, copy with { Holidays = [] });
        Assert.Equal(policy.Holidays, copy.Holidays);
    }

    [Fact]
    public void AnEmptyJsonPolicyTakesTheDefaults()
    {
        var policy = JsonSerializer.Deserialize<DisconnectPolicy>("{}");

        Assert.Equal(DisconnectPolicy.Default with { Holidays = [] }, policy! with { Holidays = [] });
        Assert.Empty(policy.Holidays);
    }

    [Fact]
    public void VerdictsRoundTripThroughJsonWithTheirKind()
    {
        DisconnectVerdict[] verdicts =
        [
            new DisconnectAllowed(),
            new DisconnectNotBefore(new DateTimeOffset(2026, 3, 9, 8, 0, 0, Cdt), DisconnectReasons.Weekend, "No cuts on weekends"),
            new DisconnectForbidden(DisconnectReasons.LifeSupport, "Life support"),
        ];

        foreach (var verdict in verdicts)
        {
            Assert.Equal(verdict, JsonSerializer.Deserialize<DisconnectVerdict>(JsonSerializer.Serialize(verdict)));
        }
    }
}
