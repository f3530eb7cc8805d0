using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Contracts.Api;
using ServiceOrders.OperatorConsole.Components.MassDisconnects;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class MassDisconnectsPageTests : ConsoleComponentTest
{
    // Now is 10:00 on Tuesday 10 March 2026 in Chicago (daylight time since the 8th): the batch starts at the day's
    // start, 05:00 UTC; March's grid runs from Sunday 1 March to Saturday 4 April.
    const string Progress = "/api/mass-disconnects/progress?since=2026-03-10T05%3A00%3A00Z";
    const string Calendar = "/api/mass-disconnects/calendar?from=2026-03-01&to=2026-04-04";

    static MassDisconnectProgress Batch() => new(
        new DateTimeOffset(2026, 3, 10, 5, 0, 0, TimeSpan.Zero), Now, Received: 120, Waiting: 30, Running: 10, Completed: 70, InException: 6, Ended: 4,
        [new HeadEndRate("HES-1", 50, 12.5), new HeadEndRate("HES-2", 20, 2.5)]);

    [Fact]
    public void TheCalendar_ShowsEachDaysCutsByRule_InAMonthGrid()
    {
        Product.Answer("GET", Progress, Batch())
            .Answer("GET", Calendar, new[]
            {
                new CutDay(new DateOnly(2026, 3, 16), "NoCutsOnFriday", 12, 0),
                new CutDay(new DateOnly(2026, 3, 16), "Scheduled", 0, 3),
                new CutDay(new DateOnly(2026, 3, 11), "Scheduled", 0, 1),
            });

        var page = Render<MassDisconnectsPage>();

        var monday = page.Find("td[data-date='2026-03-16']");
        Assert.Equal("15", monday.QuerySelector(".day-total")!.TextContent);
        Assert.Equal(["No cuts on Friday: 12 deferred", "Scheduled by the CIS: 3 scheduled"], monday.QuerySelectorAll(".day-cuts li").Select(l => l.TextContent));
        Assert.Contains("today", page.Find("td[data-date='2026-03-10']").ClassName, StringComparison.Ordinal);
        Assert.Contains("other-month", page.Find("td[data-date='2026-04-01']").ClassName, StringComparison.Ordinal);
        Assert.Equal(5, page.FindAll(".cut-calendar tbody tr").Count);
        Assert.Equal("Sun", page.Find(".cut-calendar thead th").TextContent);
    }

    [Fact]
    public void TheBatch_ShowsItsCounts_AndEachHeadEndsPaceAsBars()
    {
        Product.Answer("GET", Progress, Batch()).Answer("GET", Calendar, Array.Empty<CutDay>());

        var page = Render<MassDisconnectsPage>();

        Assert.Equal(("120", "70", "6"), (page.Find("[data-testid=batch-received]").TextContent, page.Find("[data-testid=batch-completed]").TextContent, page.Find("[data-testid=batch-exception]").TextContent));
        var bars = page.FindAll("[data-testid=rates] rect");
        Assert.Equal(2, bars.Count);
        Assert.True(double.Parse(bars[0].GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture) > 4 * double.Parse(bars[1].GetAttribute("width")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("HES-1: 12.5/min, 50 done; HES-2: 2.5/min, 20 done", page.Find("[data-testid=rates] desc").TextContent);
        Assert.Equal("120 received: 70 completed, 10 running, 30 waiting, 6 in exception, 4 ended otherwise", page.Find(".batch-bar").GetAttribute("aria-label"));
    }

    [Fact]
    public void AnotherMonthAndBatch_AreAskedForFromTheAddress()
    {
        Product.Answer("GET", "/api/mass-disconnects/progress?since=2026-03-09T19%3A30%3A00Z", Batch())
            .Answer("GET", "/api/mass-disconnects/calendar?from=2026-03-29&to=2026-05-02", new[] { new CutDay(new DateOnly(2026, 4, 3), "NoCutsOnFriday", 2, 0) });

        Services.GetRequiredService<NavigationManager>().NavigateTo("/mass-disconnects?month=2026-04&since=2026-03-09T14:30");

        var page = Render<MassDisconnectsPage>();

        Assert.Contains("April 2026", page.Find("#calendar-heading").TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.Find("td[data-date='2026-04-03'] .day-total").TextContent);
        Assert.Equal("120", page.Find("[data-testid=batch-received]").TextContent);
        Assert.Equal("/mass-disconnects?month=2026-05&since=2026-03-09T14%3A30", page.FindAll("nav.pager a")[2].GetAttribute("href"));
    }

    [Fact]
    public void WithoutTheRoutesInTheApi_ItSaysNotAvailable()
    {
        var page = Render<MassDisconnectsPage>();

        Assert.Equal(
            ["The progress of a batch is not available from the API yet.", "The calendar of cuts is not available from the API yet."],
            page.FindAll("[data-testid=problem]").Select(p => p.TextContent.Trim()));
    }
}
