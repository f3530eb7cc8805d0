using ServiceOrders.Contracts.Api;
using ServiceOrders.OperatorConsole.MassDisconnects;

namespace ServiceOrders.Tests.OperatorConsole.MassDisconnects;

public class CutCalendarTests
{
    [Fact]
    public void AMonthsGrid_RunsFromTheSundayBeforeItsFirstDay_ToTheSaturdayAfterItsLast()
    {
        Assert.Equal((new DateOnly(2026, 11, 29), new DateOnly(2027, 1, 2)), CutCalendar.GridOf(new DateOnly(2026, 12, 6)));
    }

    [Fact]
    public void EachDayHoldsItsCuts_RulesFirst_ScheduledLast()
    {
        var day = new DateOnly(2026, 12, 7);

        var calendar = CutCalendar.Of(day, [new CutDay(day, "Scheduled", 0, 2), new CutDay(day, "NoCutsInFreezingWeather", 5, 0)]);

        var cell = calendar.Weeks.SelectMany(w => w).Single(d => d.Date == day);
        Assert.Equal(["NoCutsInFreezingWeather", "Scheduled"], cell.Cuts.Select(c => c.Rule));
        Assert.Equal(7, cell.Total);
        Assert.True(cell.InMonth);
        Assert.False(calendar.Weeks[0][0].InMonth);
    }

    [Theory]
    [InlineData("NoCutsOnFriday", "No cuts on Friday")]
    [InlineData("NoCutsBeforeHolidays", "No cuts before holidays")]
    [InlineData("Scheduled", "Scheduled by the CIS")]
    [InlineData("winter-moratorium", "winter-moratorium")]
    public void ARulesName_IsShownInWords(string rule, string words)
    {
        Assert.Equal(words, CutCalendar.RuleName(rule));
    }
}
