using System.Net;
using System.Text.Json;
using Bunit;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Components.BulkActions;

namespace ServiceOrders.Tests.OperatorConsole.Components;

static class BulkActionSamples
{
    public const string Id = "bulk_0123456789abcdef0123456789abcdef";

    public static BulkActionView AwaitingApproval(string proposedBy = "dana") => new(
        Id, BulkActionKind.Cancel, new BulkSelection(Status: OrderStatus.Exception, ReasonCode: "Timeout", HeadEnd: "HES-2"),
        AuditReasons.DuplicateOrder, "Sent twice by the CIS", proposedBy, ConsoleComponentTest.Now.AddMinutes(-5), BulkActionState.AwaitingApproval,
        null, null, null, 3, 0, 0,
        [new BulkOrderResult("R-1", "Pending"), new BulkOrderResult("R-2", "Pending"), new BulkOrderResult("R-3", "Pending")]);
}

public class BulkActionPageForTheProposerTests() : ConsoleComponentTest("dana", ConsoleRoles.Operator, ConsoleRoles.Approver)
{
    [Fact]
    public void TheProposer_CannotApprove_AndIsToldASecondPersonMust()
    {
        Product.Answer("GET", $"/api/bulk-actions/{BulkActionSamples.Id}", BulkActionSamples.AwaitingApproval());

        var page = Render<BulkActionPage>(p => p.Add(c => c.Id, BulkActionSamples.Id));

        Assert.Equal("Awaiting approval", page.Find("[data-testid=bulk-state]").TextContent);
        Assert.True(page.Find("button.primary").HasAttribute("disabled"));
        Assert.Equal("You proposed it: a second person, an Approver, must approve it.", page.Find("[data-testid=why-not]").TextContent);
        Assert.Contains("an Approver other than dana approves it", page.Find("[data-testid=approval-explained]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Waiting", "Waiting", "Waiting"], page.FindAll(".bulk-results tbody tr td:last-child").Select(c => c.TextContent.Trim()));
    }
}

public class BulkActionPageForAnApproverTests() : ConsoleComponentTest("sam", ConsoleRoles.Reader, ConsoleRoles.Approver)
{
    [Fact]
    public void ASecondPerson_Approves_WithANote()
    {
        Product.Answer("GET", $"/api/bulk-actions/{BulkActionSamples.Id}", BulkActionSamples.AwaitingApproval())
            .Answer("POST", $"/api/bulk-actions/{BulkActionSamples.Id}/approve", BulkActionSamples.AwaitingApproval() with { State = BulkActionState.Running, DecidedBy = "sam" });
        var page = Render<BulkActionPage>(p => p.Add(c => c.Id, BulkActionSamples.Id));

        page.Find("#decision-note").Change("Checked with billing");
        page.Find("button.primary").Click();

        var (request, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Equal("sam", request.Headers.GetValues(ConsoleRoles.ActorHeader).Single());
        Assert.Equal(new BulkDecision("Checked with billing"), JsonSerializer.Deserialize<BulkDecision>(body!, ServiceOrdersJson.Options));
        Assert.Equal("Approved: it runs now.", page.Find("[data-testid=bulk-outcome] .done").TextContent);
    }

    [Fact]
    public void TheServersRefusal_IsShownInWords()
    {
        Product.Answer("GET", $"/api/bulk-actions/{BulkActionSamples.Id}", BulkActionSamples.AwaitingApproval())
            .Problem("POST", $"/api/bulk-actions/{BulkActionSamples.Id}/approve", HttpStatusCode.Conflict, "Already decided", "It was refused meanwhile.");
        var page = Render<BulkActionPage>(p => p.Add(c => c.Id, BulkActionSamples.Id));

        page.Find("button.primary").Click();

        Assert.Equal("This cannot be done now: It was refused meanwhile.", page.Find("[data-testid=bulk-outcome] [data-testid=problem]").TextContent.Trim());
    }

    [Fact]
    public void ACompletedCancel_ShowsEachOrdersResult_AndTheProgress()
    {
        Product.Answer("GET", $"/api/bulk-actions/{BulkActionSamples.Id}", BulkActionSamples.AwaitingApproval() with
        {
            State = BulkActionState.Completed,
            DecidedBy = "sam",
            DecidedAt = Now.AddMinutes(-1),
            Applied = 2,
            Refused = 1,
            Results = [new BulkOrderResult("R-1", "Applied"), new BulkOrderResult("R-2", "Applied"), new BulkOrderResult("R-3", "Refused", "Order already ended")],
        });

        var page = Render<BulkActionPage>(p => p.Add(c => c.Id, BulkActionSamples.Id));

        Assert.Equal(["Cancelled", "Cancelled", "Refused: Order already ended"], page.FindAll(".bulk-results tbody tr td:last-child").Select(c => c.TextContent.Trim()));
        Assert.Equal("3 of 3 done: 2 applied, 1 refused.", page.Find("[data-testid=progress-text]").TextContent);
        Assert.StartsWith("sam, 2026-03-10 09:59:00 America/Chicago", page.Find("[data-testid=decided-by]").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("button.primary"));
    }
}

public class BulkActionPageForAnOperatorTests : ConsoleComponentTest
{
    [Fact]
    public void AnOperatorWithoutTheApproverRole_IsToldApprovingNeedsIt()
    {
        Product.Answer("GET", $"/api/bulk-actions/{BulkActionSamples.Id}", BulkActionSamples.AwaitingApproval("sam"));

        var page = Render<BulkActionPage>(p => p.Add(c => c.Id, BulkActionSamples.Id));

        Assert.All(page.FindAll(".bulk-approval button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal("Approving needs the Approver role.", page.Find("[data-testid=why-not]").TextContent);
    }
}
