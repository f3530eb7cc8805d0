using Bunit;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Components.Overview;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class OverviewPageTests : ConsoleComponentTest
{
    [Fact]
    public void TheOverview_ShowsTheDaysFiguresAndExceptionAgeBands()
    {
        Product.Answer("GET", "/api/exceptions", Array.Empty<OrderException>())
            .Answer("GET", "/api/overview", new OperationsOverview(
                Now, "America/Chicago",
                [new OpenOrderCount(RequestType.CutForNonPayment, OrderStatus.Open, 4), new OpenOrderCount(RequestType.CutForNonPayment, OrderStatus.Exception, 2)],
                [new AgeBandCount("under 1 h", 0, 1, "ok", 1), new AgeBandCount("over 24 h", 24, null, "breach", 1)],
                [], new EndedToday(12, 1, 2, 0),
                [new PartnerHealth("HES-1", 10, 9, 1, 0.9, 2.5, 8)], [], 3, 0));

        var page = Render<OverviewPage>();

        Assert.Equal(["band age-ok", "band age-breach"], page.FindAll(".band").Select(b => b.ClassName));
        Assert.Contains("Completed today", page.Markup, StringComparison.Ordinal);
        Assert.Equal(["CutForNonPayment", "4", "2"], page.Find("#open-heading + table tbody tr").Children.Select(c => c.TextContent.Trim()));
        Assert.Equal("90%", page.Find("#partners-heading + table tbody tr").Children[4].TextContent);
    }

    [Fact]
    public void WithoutTheOverviewInTheApi_ItSaysNotAvailable_AndStillCountsTheExceptions()
    {
        Product.Answer("GET", "/api/exceptions", new[]
        {
            new OrderException("R-1", "SP-1", RequestType.CutForNonPayment, "LifeSupport", "On life support", null, Now.AddHours(-2)),
        });

        var page = Render<OverviewPage>();

        Assert.Equal("1", page.Find("[data-testid=exception-count]").TextContent);
        Assert.Equal("The operations overview (counts, age bands, partner health, cut calendar) is not available from the API yet.", page.Find("[data-testid=problem]").TextContent.Trim());
    }
}
