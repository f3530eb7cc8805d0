using System.Net;
using Bunit;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Components.Orders;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class OrderDetailsPageTests : ConsoleComponentTest
{
    static readonly DateTimeOffset Sent = new(2026, 3, 10, 14, 42, 0, TimeSpan.Zero);

    static OrderView WaitingForCrew() => new(
        "R-7", RequestType.EnableService, "SP-7", EngineStatus.Running, OrderPhase.WaitingForCrew, "R-7.2", ActivityKind.InstallMeter,
        null, null, null, null, null, null,
        [
            new TimelineEntry(Sent.AddMinutes(-10), TimelineEvent.Received),
            new TimelineEntry(Sent.AddMinutes(-9), TimelineEvent.CommandSent, "R-7.1", ActivityKind.Ping),
            new TimelineEntry(Sent.AddMinutes(-8), TimelineEvent.Failed, "R-7.1", ActivityKind.Ping, "No answer"),
            new TimelineEntry(Sent, TimelineEvent.Dispatched, "R-7.2", ActivityKind.InstallMeter),
        ],
        null, Sent.AddHours(4), Sent.AddMinutes(-10), Sent);

    [Fact]
    public void TheOrderSaysWhyItWaits_InTheUtilitysTimeZone()
    {
        Product.Answer("GET", "/api/orders/R-7", WaitingForCrew())
            .Answer("GET", "/api/orders/R-7/audit", Array.Empty<AuditEntry>());

        var page = Render<OrderDetailsPage>(p => p.Add(c => c.OrderId, "R-7"));

        Assert.Equal(
            "Waiting for the crew to install meter (R-7.2) since 2026-03-10 09:42:00 America/Chicago, deadline 2026-03-10 13:42:00 America/Chicago.",
            page.Find("[data-testid=why]").TextContent);
        Assert.Equal("Open", page.Find("[data-testid=standing]").TextContent);
    }

    [Fact]
    public void ThePathIsDrawn_WithEachActivitysDuration()
    {
        Product.Answer("GET", "/api/orders/R-7", WaitingForCrew())
            .Answer("GET", "/api/orders/R-7/audit", Array.Empty<AuditEntry>());

        var page = Render<OrderDetailsPage>(p => p.Add(c => c.OrderId, "R-7"));

        var bars = page.FindAll("[data-testid=timeline] g.bar");
        Assert.Equal(["bar bar-failed", "bar bar-open"], bars.Select(b => b.GetAttribute("class")));
        Assert.Equal(["1 min", "18 min so far"], page.FindAll("[data-testid=timeline] text.duration").Select(t => t.TextContent));
    }

    [Fact]
    public void TheAuditNamesWhoActedAndWhy()
    {
        Product.Answer("GET", "/api/orders/R-7", WaitingForCrew())
            .Answer("GET", "/api/orders/R-7/audit", new[] { new AuditEntry(Sent, "dana", "Retry", AuditReasons.TransientFaultCleared, "Outage over", "Accepted") });

        var page = Render<OrderDetailsPage>(p => p.Add(c => c.OrderId, "R-7"));

        var cells = page.FindAll("[data-testid=audit] tbody td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["2026-03-10 09:42:00", "dana", "Retry", "Outage or timeout is over", "Outage over", "Accepted"], cells);
    }

    [Fact]
    public void AnApiWithoutTheAudit_SaysItIsNotAvailable_AndShowsTheRest()
    {
        Product.Answer("GET", "/api/orders/R-7", WaitingForCrew());

        var page = Render<OrderDetailsPage>(p => p.Add(c => c.OrderId, "R-7"));

        Assert.Equal("The audit is not available from the API yet.", page.Find("[data-testid=problem]").TextContent.Trim());
        Assert.NotNull(page.Find("[data-testid=timeline]"));
    }

    [Fact]
    public void AnUnknownOrder_SaysSo()
    {
        Product.Problem("GET", "/api/orders/NOPE", HttpStatusCode.NotFound, "Order not found", "There is no order NOPE.");

        var page = Render<OrderDetailsPage>(p => p.Add(c => c.OrderId, "NOPE"));

        Assert.Equal("There is no order NOPE.", page.FindAll("[data-testid=problem]")[0].TextContent.Trim());
    }
}
