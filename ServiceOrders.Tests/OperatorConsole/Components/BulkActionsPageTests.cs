using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Components.BulkActions;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class BulkActionsPageTests : ConsoleComponentTest
{
    static BulkPreview ThreeTimeouts(BulkActionKind action = BulkActionKind.Cancel) => new(action, 3, NeedsApproval: true, ApprovalThreshold: 2,
    [
        new BulkPreviewItem("R-1", "SP-1", RequestType.CutForNonPayment, OrderStatus.Exception, "Timeout", "cancelled; what the order did is undone where its request type calls for it"),
        new BulkPreviewItem("R-2", "SP-2", RequestType.CutForNonPayment, OrderStatus.Exception, "Timeout", "cancelled; what the order did is undone where its request type calls for it"),
        new BulkPreviewItem("R-3", "SP-3", RequestType.ReconnectForPayment, OrderStatus.Exception, "Timeout", "cancelled; what the order did is undone where its request type calls for it"),
    ]);

    static BulkActionView Proposed(string id, BulkSelection selection) => new(
        id, BulkActionKind.Cancel, selection, AuditReasons.TransientFaultCleared, null, "dana", Now, BulkActionState.AwaitingApproval,
        null, null, null, 3, 0, 0, null);

    IRenderedComponent<BulkActionsPage> FillTimeoutsOfHes2(BulkActionKind action = BulkActionKind.Cancel)
    {
        Product.Answer("GET", "/api/bulk-actions", Array.Empty<BulkActionView>())
            .Answer("POST", "/api/bulk-actions/preview", ThreeTimeouts(action));
        var page = Render<BulkActionsPage>();
        page.FindAll("input[type=radio]")[(int)action].Change(action.ToString());
        page.Find("#bulk-status").Change(nameof(OrderStatus.Exception));
        page.Find("#bulk-reason-code").Change("Timeout");
        page.Find("#bulk-head-end").Change("HES-2");
        page.Find("#bulk-from").Change("2026-03-10T08:30:00");
        page.Find("#bulk-reason").Change(AuditReasons.TransientFaultCleared);
        page.Find("#bulk-note").Change("HES-2 outage is over");
        return page;
    }

    static BulkActionRequest BodyOf(string? body) => JsonSerializer.Deserialize<BulkActionRequest>(body!, ServiceOrdersJson.Options)!;

    [Fact]
    public void APreview_AsksForTheFilteredOrders_AndListsEachWithWhatWillHappen()
    {
        var page = FillTimeoutsOfHes2();

        page.Find("form").Submit();

        var (request, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Equal("/api/bulk-actions/preview", request.RequestUri!.AbsolutePath);
        Assert.Equal("dana", request.Headers.GetValues(ConsoleRoles.ActorHeader).Single());
        var sent = BodyOf(body);
        // 08:30 in Chicago on 10 March 2026 (daylight time) is 13:30 UTC.
        Assert.Equal(
            new BulkSelection(Status: OrderStatus.Exception, ReasonCode: "Timeout", HeadEnd: "HES-2", From: new DateTimeOffset(2026, 3, 10, 13, 30, 0, TimeSpan.Zero)),
            sent.Selection);
        Assert.Equal((BulkActionKind.Cancel, AuditReasons.TransientFaultCleared, "HES-2 outage is over"), (sent.Action, sent.Reason, sent.Note));
        Assert.Equal(["R-1", "R-2", "R-3"], page.FindAll("[data-testid=preview] tbody tr").Select(r => r.GetAttribute("data-order")));
        Assert.All(page.FindAll("[data-testid=preview] tbody tr"), r => Assert.StartsWith("cancelled;", r.Children[4].TextContent, StringComparison.Ordinal));
        Assert.Contains("Needs a second person", page.Find("[data-testid=needs-approval]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirming_ProposesExactlyWhatWasPreviewed_AndOpensTheBulkActionsPage()
    {
        var page = FillTimeoutsOfHes2();
        page.Find("form").Submit();
        var previewed = BodyOf(Product.Requests.Single(r => r.Request.Method == HttpMethod.Post).Body);
        Product.Answer("POST", "/api/bulk-actions", Proposed("bulk_0123", previewed.Selection), HttpStatusCode.Accepted);

        page.Find("[data-testid=preview] button.primary").Click();

        var proposed = BodyOf(Assert.Single(Product.Requests, r => r.Request.RequestUri!.AbsolutePath == "/api/bulk-actions" && r.Request.Method == HttpMethod.Post).Body);
        Assert.Equal(previewed.Selection, proposed.Selection);
        Assert.Equal((previewed.Action, previewed.Reason, previewed.Note), (proposed.Action, proposed.Reason, proposed.Note));
        Assert.EndsWith("/bulk-actions/bulk_0123", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangingTheSelectionAfterAPreview_WithdrawsIt_SoNothingUnseenIsConfirmed()
    {
        var page = FillTimeoutsOfHes2();
        page.Find("form").Submit();

        page.Find("#bulk-head-end").Change("HES-3");

        Assert.Empty(page.FindAll("[data-testid=preview]"));
    }

    [Fact]
    public void FiltersAndOrderIdsTogether_AreExplained_AndNotSent()
    {
        var page = FillTimeoutsOfHes2();
        page.Find("#bulk-order-ids").Change("R-1\nR-2");

        page.Find("form").Submit();

        Assert.DoesNotContain(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Equal("Select by filters or by order ids, not both.", page.Find("[data-testid=bulk-outcome] .problem").TextContent);
    }

    [Fact]
    public void OrderIds_AreSentAsTheSelection_OneALineOrSeparatedByCommas()
    {
        Product.Answer("GET", "/api/bulk-actions", Array.Empty<BulkActionView>())
            .Answer("POST", "/api/bulk-actions/preview", ThreeTimeouts(BulkActionKind.Retry) with { NeedsApproval = false });
        var page = Render<BulkActionsPage>();
        page.Find("#bulk-order-ids").Change("R-1, R-2\nR-3");
        page.Find("#bulk-reason").Change(AuditReasons.TransientFaultCleared);

        page.Find("form").Submit();

        Assert.Equal(["R-1", "R-2", "R-3"], BodyOf(Product.Requests.Single(r => r.Request.Method == HttpMethod.Post).Body).Selection.OrderIds);
        Assert.Empty(page.FindAll("[data-testid=needs-approval]"));
        Assert.Contains("Runs as soon as you confirm.", page.Find("[data-testid=preview]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBulkActionsSoFar_ShowTheirStateAndProgress()
    {
        Product.Answer("GET", "/api/bulk-actions", new[]
        {
            Proposed("bulk_1", new BulkSelection(HeadEnd: "HES-2")) with { State = BulkActionState.Running, Applied = 1, Refused = 1 },
        });

        var page = Render<BulkActionsPage>();

        var row = page.Find("tr[data-bulk=bulk_1]");
        Assert.Equal("Running", row.Children[3].TextContent.Trim());
        Assert.Equal("2 of 3 done (1 applied, 1 refused)", row.Children[4].TextContent);
        Assert.Equal("/bulk-actions/bulk_1", row.QuerySelector("a")!.GetAttribute("href"));
    }
}

public class BulkActionsPageForAReaderTests() : ConsoleComponentTest("rita", ConsoleRoles.Reader)
{
    [Fact]
    public void AReader_CannotPreviewOrPropose()
    {
        Product.Answer("GET", "/api/bulk-actions", Array.Empty<BulkActionView>());

        var page = Render<BulkActionsPage>();

        Assert.True(page.Find("button[type=submit]").HasAttribute("disabled"));
        Assert.Contains("proposing a bulk action needs the Operator role", page.Markup, StringComparison.Ordinal);
    }
}
