using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Rules;
using static ServiceOrders.Tests.Domain.Rules.DisconnectRulesTestData;

namespace ServiceOrders.Tests.Domain.Rules;

/// <summary>Days and hours in America/Chicago with the default policy: 08:00 to 14:00, Monday to Thursday.</summary>
public class DisconnectRulesCalendarTests
{
    static readonly DisconnectPolicy Policy = DisconnectPolicy.Default;

    [Fact]
    public void BeforeTheWindowOpens_TheCutWaitsUntilEightTheSameDay()
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 3, 3, 7, 0, 0, Cst));

        var wait = AssertWaitsUntil(new DateTimeOffset(2026, 3, 3, 8, 0, 0, Cst), DisconnectReasons.BeforeWindow, verdict);
        Assert.Equal("Cuts begin at 08:00; it is 07:00 (America/Chicago)", wait.Detail);
    }

    [Theory]
    [InlineData(8, 0)]
    [InlineData(11, 30)]
    [InlineData(13, 59)]
    public void WithinTheWindowOnAMonday_ACutIsAllowed(int hour, int minute)
    {
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(Policy, new DateTimeOffset(2026, 3, 2, hour, minute, 0, Cst)));
    }

    [Theory]
    [InlineData(14, 0)]
    [InlineData(15, 0)]
    [InlineData(23, 59)]
    public void AtOrAfterTheCutoff_TheCutWaitsUntilEightOnTheNextAllowedDay(int hour, int minute)
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 3, 3, hour, minute, 0, Cst));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 4, 8, 0, 0, Cst), DisconnectReasons.AfterCutoff, verdict);
    }

    [Fact]
    public void AfterTheCutoffOnAThursday_TheCutWaitsUntilMonday()
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 2, 26, 15, 0, 0, Cst));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 2, 8, 0, 0, Cst), DisconnectReasons.AfterCutoff, verdict);
    }

    [Theory]
    [InlineData(28, DisconnectReasons.Weekend)]
    [InlineData(27, DisconnectReasons.DayBeforeWeekend)]
    public void OnAWeekendOrTheFridayBefore_TheCutWaitsUntilMondayAtEight(int februaryDay, string reason)
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 2, februaryDay, 10, 0, 0, Cst));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 2, 8, 0, 0, Cst), reason, verdict);
    }

    [Fact]
    public void OnASundayMorning_TheCutWaitsUntilMondayAtEight()
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 3, 1, 6, 0, 0, Cst));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 2, 8, 0, 0, Cst), DisconnectReasons.Weekend, verdict);
    }

    [Fact]
    public void WhenOnlyWeekendsAreExcluded_FridayIsAllowed()
    {
        var verdict = CheckInMildWeather(Policy with { NoCutOnDayBeforeWeekend = false }, new DateTimeOffset(2026, 2, 27, 10, 0, 0, Cst));

        Assert.IsType<DisconnectAllowed>(verdict);
    }

    [Theory]
    [InlineData(27)]
    [InlineData(28)]
    [InlineData(1)]
    public void WhenWeekendsAreAllowed_FridayAndTheWeekendAreAllowedToo(int day)
    {
        var now = new DateTime(2026, day == 1 ? 3 : 2, day, 10, 0, 0);

        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(Policy with { NoCutOnWeekends = false }, new DateTimeOffset(now, Cst)));
    }

    [Fact]
    public void OnAHolidayAndTheDayBefore_TheCutWaitsForTheDayAfterTheHoliday()
    {
        var policy = Policy with { Holidays = [new DateOnly(2026, 3, 11)] };
        var thursday = new DateTimeOffset(2026, 3, 12, 8, 0, 0, Cdt);

        AssertWaitsUntil(thursday, DisconnectReasons.DayBeforeHoliday, CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 10, 9, 0, 0, Cdt)));
        AssertWaitsUntil(thursday, DisconnectReasons.Holiday, CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 11, 9, 0, 0, Cdt)));
        AssertWaitsUntil(thursday, DisconnectReasons.AfterCutoff, CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 9, 15, 0, 0, Cdt)));
    }

    [Fact]
    public void WhenTheDayBeforeAHolidayIsAllowed_OnlyTheHolidayIsSkipped()
    {
        var policy = Policy with { Holidays = [new DateOnly(2026, 3, 11)], NoCutOnDayBeforeHoliday = false };

        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 10, 9, 0, 0, Cdt)));
        AssertWaitsUntil(new DateTimeOffset(2026, 3, 12, 8, 0, 0, Cdt), DisconnectReasons.Holiday,
            CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 11, 9, 0, 0, Cdt)));
    }

    [Fact]
    public void BeforeAMondayHoliday_TheCutWaitsUntilTuesday()
    {
        var policy = Policy with { Holidays = [new DateOnly(2026, 5, 25)] };

        var verdict = CheckInMildWeather(policy, new DateTimeOffset(2026, 5, 21, 15, 0, 0, Cdt));

        AssertWaitsUntil(new DateTimeOffset(2026, 5, 26, 8, 0, 0, Cdt), DisconnectReasons.AfterCutoff, verdict);
    }

    [Fact]
    public void WhenNoDayInTheSearchAllowsACut_ACutIsForbidden()
    {
        var start = new DateOnly(2026, 3, 3);
        var policy = Policy with { Holidays = [.. Enumerable.Range(0, DisconnectRules.WindowSearchDays + 5).Select(start.AddDays)] };

        var verdict = CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 3, 10, 0, 0, Cst));

        Assert.Equal(DisconnectReasons.NoDisconnectWindow, Assert.IsType<DisconnectForbidden>(verdict).ReasonCode);
    }

    [Fact]
    public void OverTheSpringForwardWeekend_MondayEightHasTheDaylightOffset()
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 3, 6, 15, 0, 0, Cst));

        var wait = AssertWaitsUntil(new DateTimeOffset(2026, 3, 9, 8, 0, 0, Cdt), DisconnectReasons.DayBeforeWeekend, verdict);
        Assert.EndsWith("next window Monday 2026-03-09 08:00 -05:00", wait.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OverTheFallBackWeekend_MondayEightHasTheStandardOffset()
    {
        var verdict = CheckInMildWeather(Policy, new DateTimeOffset(2026, 10, 30, 15, 0, 0, Cdt));

        AssertWaitsUntil(new DateTimeOffset(2026, 11, 2, 8, 0, 0, Cst), DisconnectReasons.DayBeforeWeekend, verdict);
    }

    [Fact]
    public void OnTheDayTheClocksSpringForward_EightIsLocalEight()
    {
        var policy = Policy with { NoCutOnWeekends = false };

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 8, 8, 0, 0, Cdt), DisconnectReasons.AfterCutoff,
            CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 7, 15, 0, 0, Cst)));
        AssertWaitsUntil(new DateTimeOffset(2026, 3, 8, 8, 0, 0, Cdt), DisconnectReasons.BeforeWindow,
            CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 8, 1, 30, 0, Cst)));
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 8, 8, 0, 0, Cdt)));
    }

    [Fact]
    public void OnTheDayTheClocksFallBack_EightIsLocalEight()
    {
        var policy = Policy with { NoCutOnWeekends = false };

        AssertWaitsUntil(new DateTimeOffset(2026, 11, 1, 8, 0, 0, Cst), DisconnectReasons.BeforeWindow,
            CheckInMildWeather(policy, new DateTimeOffset(2026, 11, 1, 1, 30, 0, Cdt)));
        AssertWaitsUntil(new DateTimeOffset(2026, 11, 1, 8, 0, 0, Cst), DisconnectReasons.BeforeWindow,
            CheckInMildWeather(policy, new DateTimeOffset(2026, 11, 1, 7, 59, 0, Cst)));
    }

    [Fact]
    public void AWindowStartSkippedBySpringForward_OpensWhenTheClockJumpsPastIt()
    {
        var policy = Policy with { NoCutOnWeekends = false, WindowStart = new TimeOnly(2, 30) };
        var gapEnd = new DateTimeOffset(2026, 3, 8, 3, 0, 0, Cdt);

        AssertWaitsUntil(gapEnd, DisconnectReasons.AfterCutoff, CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 7, 15, 0, 0, Cst)));
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(policy, gapEnd));
        Assert.IsNotType<DisconnectAllowed>(CheckInMildWeather(policy, gapEnd.AddTicks(-1)));
    }

    [Fact]
    public void AWindowStartRepeatedByFallBack_OpensAtItsFirstOccurrence()
    {
        var policy = Policy with { NoCutOnWeekends = false, WindowStart = new TimeOnly(1, 30) };
        var first = new DateTimeOffset(2026, 11, 1, 1, 30, 0, Cdt);

        AssertWaitsUntil(first, DisconnectReasons.AfterCutoff, CheckInMildWeather(policy, new DateTimeOffset(2026, 10, 31, 15, 0, 0, Cdt)));
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(policy, first));
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(policy, new DateTimeOffset(2026, 11, 1, 1, 15, 0, Cst)));
    }

    [Fact]
    public void InNewYork_TheWaitEndsAtEightEasternWithTheDaylightOffset()
    {
        var policy = Policy with { TimeZoneId = "America/New_York" };

        var verdict = CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 6, 15, 0, 0, TimeSpan.FromHours(-5)));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 9, 8, 0, 0, TimeSpan.FromHours(-4)), DisconnectReasons.DayBeforeWeekend, verdict);
    }

    [Fact]
    public void InBerlin_TheWindowFollowsCentralEuropeanTimeAndItsOwnDaylightSavingDate()
    {
        var policy = Policy with { TimeZoneId = "Europe/Berlin", WindowStart = new TimeOnly(7, 0), Cutoff = new TimeOnly(16, 0) };

        var verdict = CheckInMildWeather(policy, new DateTimeOffset(2026, 3, 27, 10, 0, 0, TimeSpan.FromHours(1)));

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.FromHours(2)), DisconnectReasons.DayBeforeWeekend, verdict);
    }

    [Fact]
    public void TheSameInstantIsJudgedByTheLocalClockOfThePolicysTimeZone()
    {
        var instant = new DateTimeOffset(2026, 3, 3, 13, 30, 0, TimeSpan.Zero);

        AssertWaitsUntil(new DateTimeOffset(2026, 3, 3, 8, 0, 0, Cst), DisconnectReasons.BeforeWindow, CheckInMildWeather(Policy, instant));
        Assert.IsType<DisconnectAllowed>(CheckInMildWeather(Policy with { TimeZoneId = "America/New_York" }, instant));
        AssertWaitsUntil(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.FromHours(1)), DisconnectReasons.AfterCutoff,
            CheckInMildWeather(Policy with { TimeZoneId = "Europe/Berlin" }, instant));
    }
}
