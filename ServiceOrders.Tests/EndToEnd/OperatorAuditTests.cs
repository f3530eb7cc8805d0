using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using static ServiceOrders.Tests.EndToEnd.OperatorWork;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// Every change a person makes through the API is audited before it is passed on: who (the person the console acts
/// for), when, what, why. A person must give a reason; the order's own timeline names the same person.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public class OperatorAuditTests(StandaloneHostFixture host)
{
    [Fact]
    public async Task AnOperatorsCancel_IsAuditedInTheirName_AndTheOrderIsCancelled()
    {
        var orderId = await NewExceptionAsync(host);
        var dana = host.Person("dana", ConsoleRoles.Reader, ConsoleRoles.Operator);

        var response = await dana.PostAsJsonAsync($"api/orders/{orderId}/actions",
            new OperatorAction(OperatorActionKind.Cancel, "someone-else", "Customer paid at the office", Reason: AuditReasons.CustomerRequest), ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var entry = Assert.Single(await AuditAsync(host, orderId));
        Assert.Equal(("dana", "Cancel", AuditReasons.CustomerRequest, "Customer paid at the office", "Accepted"),
            (entry.Actor, entry.Action, entry.Reason, entry.Note, entry.Outcome));
        var ended = await EndedAsync(host, orderId);
        Assert.Equal(OrderOutcome.Cancelled, ended.Outcome);
        Assert.Contains(ended.Timeline, t => t.Detail?.Contains("Cancel by dana", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task APersonWithoutAReason_IsRefused_AndNothingIsPassedOn()
    {
        var orderId = await NewExceptionAsync(host);
        var dana = host.Person("dana", ConsoleRoles.Operator);

        var response = await dana.PostAsJsonAsync($"api/orders/{orderId}/actions", new { action = "Retry", @operator = "dana" });
        var cancel = await dana.PostAsJsonAsync($"api/orders/{orderId}/cancel", new { reason = "because", requestedBy = "dana" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (response.StatusCode, cancel.StatusCode));
        Assert.Equal(ProblemTitles.ReasonRequired, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Empty(await AuditAsync(host, orderId));
        var order = await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options);
        Assert.Equal(OrderPhase.Exception, order!.Phase);
    }

    [Fact]
    public async Task ASystemsCancel_IsAuditedUnderItsKeysName()
    {
        var orderId = await NewExceptionAsync(host);

        (await host.Http.PostAsJsonAsync($"api/orders/{orderId}/cancel", new { reason = "Account settled", requestedBy = "CIS" })).EnsureSuccessStatusCode();

        var entry = Assert.Single(await AuditAsync(host, orderId));
        Assert.Equal(("api-key-0", "Cancel", "Account settled", "Accepted"), (entry.Actor, entry.Action, entry.Note, entry.Outcome));
        await EndedAsync(host, orderId);
    }

    [Fact]
    public async Task AnOperatorTakesAnExceptionOn_TheListShowsIt_AndOnlyAnApproverAssignsOthers()
    {
        var orderId = await NewExceptionAsync(host);
        var dana = host.Person("dana", ConsoleRoles.Operator);
        var sam = host.Person("sam", ConsoleRoles.Operator, ConsoleRoles.Approver);

        var taken = await dana.PostAsJsonAsync($"api/exceptions/{orderId}/assign", new ExceptionAssignment("dana", AuditReasons.TakingOver), ServiceOrdersJson.Options);
        var toOther = await dana.PostAsJsonAsync($"api/exceptions/{orderId}/assign", new ExceptionAssignment("lee", AuditReasons.TakingOver), ServiceOrdersJson.Options);
        var bySupervisor = await sam.PostAsJsonAsync($"api/exceptions/{orderId}/assign", new ExceptionAssignment("lee", AuditReasons.Other, "Lee knows this site"), ServiceOrdersJson.Options);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK), (taken.StatusCode, toOther.StatusCode, bySupervisor.StatusCode));
        Assert.Equal("dana", (await taken.Content.ReadFromJsonAsync<OrderException>(ServiceOrdersJson.Options))!.Assignee);
        var listed = (await host.Http.GetFromJsonAsync<OrderException[]>("api/exceptions", ServiceOrdersJson.Options))!.Single(e => e.OrderId == orderId && e.ActivityId is null);
        Assert.Equal("lee", listed.Assignee);
        Assert.NotNull(listed.AssignedAt);
        Assert.Equal(new[] { ("dana", (string?)"dana"), ("sam", "lee") }, (await AuditAsync(host, orderId)).Select(e => (e.Actor, e.Target)));

        (await host.Http.PostAsJsonAsync($"api/orders/{orderId}/cancel", new { reason = "Test over", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        await EndedAsync(host, orderId);
    }
}
