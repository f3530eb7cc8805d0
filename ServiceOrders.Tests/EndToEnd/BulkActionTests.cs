using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.Support;
using static ServiceOrders.Tests.EndToEnd.OperatorWork;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// Bulk actions as a supervisor uses them: a preview that lists exactly the orders a filter selects and what will
/// happen to each; a cancel over the approval threshold that waits for a second person; every order acted on and
/// its result shown.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public class BulkActionTests(StandaloneHostFixture host)
{
    [Fact]
    public async Task APreview_ListsExactlyTheOrdersTheFilterMatches_WithWhatWillHappen()
    {
        var before = await NewExceptionAsync(host);
        var from = DateTimeOffset.UtcNow;
        var first = await NewExceptionAsync(host);
        var second = await NewExceptionAsync(host);
        var dana = host.Person("dana", ConsoleRoles.Operator);

        var response = await dana.PostAsJsonAsync("api/bulk-actions/preview", new BulkActionRequest(
            BulkActionKind.Cancel,
            new BulkSelection(Status: OrderStatus.Exception, RequestType: RequestType.CutForNonPayment, ReasonCode: DisconnectReasons.LifeSupport, From: from),
            AuditReasons.CustomerRequest), ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = (await response.Content.ReadFromJsonAsync<BulkPreview>(ServiceOrdersJson.Options))!;
        var ids = preview.Orders.Select(o => o.OrderId).ToList();
        Assert.Contains(first, ids);
        Assert.Contains(second, ids);
        Assert.DoesNotContain(before, ids);
        Assert.All(preview.Orders, o => Assert.Equal((RequestType.CutForNonPayment, OrderStatus.Exception, DisconnectReasons.LifeSupport), (o.RequestType, o.Status, o.ReasonCode)));
        Assert.All(preview.Orders, o => Assert.StartsWith("cancelled", o.Effect, StringComparison.Ordinal));
        Assert.Equal(preview.Orders.Count, preview.Count);
        Assert.Empty(await AuditAsync(host, first));

        foreach (var orderId in new[] { before, first, second })
        {
            (await host.Http.PostAsJsonAsync($"api/orders/{orderId}/cancel", new { reason = "Test over", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task ACancelOverTheThreshold_WaitsForASecondPerson_ThenCancelsEveryOrder()
    {
        string[] orders = [await NewExceptionAsync(host), await NewExceptionAsync(host), await NewExceptionAsync(host)];
        var dana = host.Person("dana", ConsoleRoles.Operator, ConsoleRoles.Approver);
        var sam = host.Person("sam", ConsoleRoles.Approver);
        var rory = host.Person("rory", ConsoleRoles.Reader);

        var proposed = await dana.PostAsJsonAsync("api/bulk-actions", new BulkActionRequest(
            BulkActionKind.Cancel, new BulkSelection(OrderIds: orders), AuditReasons.DuplicateOrder, "Sent twice by the CIS"), ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var view = (await proposed.Content.ReadFromJsonAsync<BulkActionView>(ServiceOrdersJson.Options))!;
        Assert.Equal((BulkActionState.AwaitingApproval, 3, "dana"), (view.State, view.Total, view.ProposedBy));
        Assert.All(view.Results!, r => Assert.Equal("Pending", r.Outcome));

        var byProposer = await dana.PostAsJsonAsync($"api/bulk-actions/{view.Id}/approve", new BulkDecision());
        var byReader = await rory.PostAsJsonAsync($"api/bulk-actions/{view.Id}/approve", new BulkDecision());
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byProposer.StatusCode, byReader.StatusCode));
        Assert.Equal(ProblemTitles.SecondPersonRequired, (await byProposer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Empty(await AuditAsync(host, orders[0]));
        Assert.Equal(OrderPhase.Exception, (await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orders[0]}", ServiceOrdersJson.Options))!.Phase);

        var approved = await sam.PostAsJsonAsync($"api/bulk-actions/{view.Id}/approve", new BulkDecision("Checked with billing"), ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);

        var done = await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<BulkActionView>($"api/bulk-actions/{view.Id}", ServiceOrdersJson.Options) is { State: BulkActionState.Completed } completed ? completed : null,
            "the bulk action to complete");
        Assert.Equal(("sam", "Checked with billing", 3, 0), (done.DecidedBy, done.DecisionNote, done.Applied, done.Refused));
        Assert.Equal(orders, done.Results!.Select(r => r.OrderId));
        Assert.All(done.Results!, r => Assert.Equal("Applied", r.Outcome));
        foreach (var orderId in orders)
        {
            Assert.Equal(OrderOutcome.Cancelled, (await EndedAsync(host, orderId)).Outcome);
            var entry = Assert.Single(await AuditAsync(host, orderId));
            Assert.Equal(("dana", "Cancel", AuditReasons.DuplicateOrder, view.Id), (entry.Actor, entry.Action, entry.Reason, entry.Target));
        }

        Assert.Equal(orders, done.Selection.OrderIds!);
        Assert.Contains((await host.Http.GetFromJsonAsync<BulkActionView[]>("api/bulk-actions", ServiceOrdersJson.Options))!,
            b => b.Id == view.Id && b.State == BulkActionState.Completed && b.Applied == 3);
    }

    [Fact]
    public async Task ARetryOfFewOrders_RunsWithoutApproval_AndARefusalStopsALargeOne()
    {
        var orderId = await NewExceptionAsync(host);
        var dana = host.Person("dana", ConsoleRoles.Operator);
        var sam = host.Person("sam", ConsoleRoles.Approver);

        var retry = await dana.PostAsJsonAsync("api/bulk-actions", new BulkActionRequest(
            BulkActionKind.Retry, new BulkSelection(OrderIds: [orderId]), AuditReasons.TransientFaultCleared), ServiceOrdersJson.Options);
        var view = (await retry.Content.ReadFromJsonAsync<BulkActionView>(ServiceOrdersJson.Options))!;
        Assert.Equal(BulkActionState.Running, view.State);
        await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<BulkActionView>($"api/bulk-actions/{view.Id}", ServiceOrdersJson.Options) is { State: BulkActionState.Completed, Applied: 1 } completed ? completed : null,
            "the retry to run");

        var noReason = await dana.PostAsJsonAsync("api/bulk-actions", new { action = "Cancel", selection = new { orderIds = new[] { orderId } }, reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        string[] many = [await NewExceptionAsync(host), await NewExceptionAsync(host), await NewExceptionAsync(host)];
        var large = (await (await dana.PostAsJsonAsync("api/bulk-actions", new BulkActionRequest(
            BulkActionKind.Skip, new BulkSelection(OrderIds: many), AuditReasons.HeadEndConfirmed), ServiceOrdersJson.Options)).Content.ReadFromJsonAsync<BulkActionView>(ServiceOrdersJson.Options))!;
        var refused = await sam.PostAsJsonAsync($"api/bulk-actions/{large.Id}/refuse", new BulkDecision("Not all of them"), ServiceOrdersJson.Options);
        var approveAfter = await sam.PostAsJsonAsync($"api/bulk-actions/{large.Id}/approve", new BulkDecision());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (refused.StatusCode, approveAfter.StatusCode));
        var after = await host.Http.GetFromJsonAsync<BulkActionView>($"api/bulk-actions/{large.Id}", ServiceOrdersJson.Options);
        Assert.Equal((BulkActionState.Refused, 0), (after!.State, after.Applied));

        foreach (var id in many.Append(orderId))
        {
            (await host.Http.PostAsJsonAsync($"api/orders/{id}/cancel", new { reason = "Test over", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        }
    }

    [Theory]
    [InlineData("{\"action\":\"Cancel\",\"selection\":{},\"reason\":\"DuplicateOrder\"}")]
    [InlineData("{\"action\":\"Cancel\",\"selection\":{\"from\":\"0001-01-01T00:00:00Z\"},\"reason\":\"DuplicateOrder\"}")]
    [InlineData("{\"action\":\"Retry\",\"selection\":{\"status\":\"Open\"},\"reason\":\"DuplicateOrder\"}")]
    [InlineData("{\"action\":\"Cancel\",\"selection\":{\"status\":\"Completed\"},\"reason\":\"DuplicateOrder\"}")]
    [InlineData("{\"action\":\"Cancel\",\"selection\":{\"orderIds\":[\"bad id\"]},\"reason\":\"DuplicateOrder\"}")]
    [InlineData("{\"action\":\"Cancel\",\"selection\":{\"status\":\"Open\"},\"reason\":\"because\"}")]
    public async Task ASelectionThatCannotBeMeant_IsRefusedWithAProblem_NeverAnError(string body)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");

        using var response = await host.Person("dana", ConsoleRoles.Operator).PostAsync("api/bulk-actions/preview", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
