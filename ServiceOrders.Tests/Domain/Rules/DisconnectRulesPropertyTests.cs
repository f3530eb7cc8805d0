using ServiceOrders.Domain.Rules;
using static ServiceOrders.Tests.Domain.Rules.DisconnectRulesTestData;

namespace ServiceOrders.Tests.Domain.Rules;

/// <summary>
/// Checks the calendar at many seeded random instants over two years (both daylight saving changes included) against
/// a plain statement of the rules: a cut is allowed exactly on allowed days inside the window, and every wait ends at
/// the first window start after now, which is then allowed.
/// </summary>
public class DisconnectRulesPropertyTests
{
    const int Samples = 1500;

    static readonly DateOnly[] Holidays =
    [
        new(2026, 1, 1), new(2026, 1, 19), new(2026, 5, 25), new(2026, 7, 3), new(2026, 9, 7), new(2026, 11, 26),
        new(2026, 11, 27), new(2026, 12, 24), new(2026, 12, 25), new(2027, 1, 1), new(2027, 5, 31), new(2027, 7, 5),
        new(2027, 9, 6), new(2027, 11, 25), new(2027, 12, 24),
    ];

    public static TheoryData<string, int, int> Utilities() => new()
    {
        { "America/Chicago", 8, 14 },
        { "America/New_York", 9, 15 },
        { "Europe/Berlin", 7, 16 },
        { "Australia/Sydney", 8, 14 },
    };

    [Theory]
    [MemberData(nameof(Utilities))]
    public void EveryWaitEndsAtTheFirstWindowStartAfterNow_AndACutIsAllowedThen(string timeZoneId, int startHour, int cutoffHour)
    {
        var policy = new DisconnectPolicy
        {
            TimeZoneId = timeZoneId,
            WindowStart = new TimeOnly(startHour, 0),
            Cutoff = new TimeOnly(cutoffHour, 0),
            Holidays = Holidays,
        };
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var random = new Random(20260307);
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var span = TimeSpan.FromDays(2 * 365).Ticks;

        for (var i = 0; i < Samples; i++)
        {
            var now = from.AddTicks(random.NextInt64(span));
            var verdict = CheckInMildWeather(policy, now);

            if (verdict is DisconnectAllowed)
            {
                Assert.True(IsAllowed(policy, zone, now), $"allowed at {now:O}");
                continue;
            }

            var wait = Assert.IsType<DisconnectNotBefore>(verdict);
            Assert.False(IsAllowed(policy, zone, now), $"held back at {now:O}");
            Assert.True(wait.Until > now, $"wait from {now:O} ends at {wait.Until:O}");
            var local = TimeZoneInfo.ConvertTime(wait.Until, zone);
            Assert.Equal(policy.WindowStart, TimeOnly.FromDateTime(local.DateTime));
            Assert.Equal(zone.GetUtcOffset(wait.Until), wait.Until.Offset);
            Assert.True(IsAllowedDay(policy, DateOnly.FromDateTime(local.DateTime)), $"wait from {now:O} ends on a blocked day {local:O}");
            Assert.IsType<DisconnectAllowed>(CheckInMildWeather(policy, wait.Until));

            // Nothing earlier would have done.
            Assert.IsNotType<DisconnectAllowed>(CheckInMildWeather(policy, wait.Until.AddTicks(-1)));
            for (var j = 0; j < 3; j++)
            {
                var between = now.AddTicks(random.NextInt64((wait.Until - now).Ticks));
                Assert.False(IsAllowed(policy, zone, between), $"allowed at {between:O}, before the wait from {now:O} ends");
            }
        }
    }

    static bool IsAllowed(DisconnectPolicy policy, TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime;
        var time = TimeOnly.FromDateTime(local);
        return IsAllowedDay(policy, DateOnly.FromDateTime(local)) && time >= policy.WindowStart && time < policy.Cutoff;
    }

    static bool IsAllowedDay(DisconnectPolicy policy, DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Friday or DayOfWeek.Saturday or DayOfWeek.Sunday)
        && !policy.Holidays.Contains(day)
        && !policy.Holidays.Contains(day.AddDays(1));
}
