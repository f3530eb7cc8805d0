using System.Net;
using System.Net.Http.Json;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.EndToEnd;

[Collection(StandaloneHostCollection.Name)]
public class EnableServiceEndToEndTests(StandaloneHostFixture host)
{
    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>A service point that is on already: an enable-service order there only needs its start reading.</summary>
    Task<string> RegisterConnectedSmartMeterAsync() => host.RegisterSmartMeterAsync();

    [Fact]
    public async Task AMoveInAtAServicePointWithoutAMeter_CompletesEndToEndAndRepliesToTheCis()
    {
        var servicePointId = NewId("SP");
        var requestId = NewId("REQ");
        var meterId = NewId("SM");
        (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}",
            new ServicePoint(servicePointId, Commodity.Electric, Meter: null), ServiceOrdersJson.Options)).EnsureSuccessStatusCode();

        var submitted = await host.Http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric, NewMeter: new MeterFound(meterId, MeterClass.Smart)),
            ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Acknowledged);
        var reply = await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        Assert.Equal(new Meter(meterId, MeterClass.Smart, Commissioned: true, SwitchState.Connected), reply.FinalState!.Meter);
        Assert.Single(reply.Readings!);

        var order = await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{requestId}", ServiceOrdersJson.Options) is { RuntimeStatus: EngineStatus.Completed } done ? done : null,
            "the order view to show the end");
        Assert.Equal(OrderOutcome.Completed, order.Outcome);
        Assert.Equal(
            [ActivityKind.InstallMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteConnect, ActivityKind.ReadScalar],
            order.Timeline.Where(t => t.Event == TimelineEvent.Succeeded).Select(t => t.Kind!.Value));

        var registered = await host.Http.GetFromJsonAsync<ServicePoint>($"api/service-points/{servicePointId}", ServiceOrdersJson.Options);
        Assert.True(registered!.IsOn);
    }

    [Fact]
    public async Task ARequestSentTwice_MakesOneOrder()
    {
        var servicePointId = await RegisterConnectedSmartMeterAsync();
        var requestId = NewId("REQ");
        var request = new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric);

        var first = await host.Http.PostAsJsonAsync("api/orders", request, ServiceOrdersJson.Options);
        var second = await host.Http.PostAsJsonAsync("api/orders", request, ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<OrderAccepted>(ServiceOrdersJson.Options))!.Duplicate);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
    }

    [Fact]
    public async Task ARequestIdInUse_WithOtherContent_IsA409ThatNamesTheOrderAndTheFields_AndStartsNothing()
    {
        var servicePointId = await RegisterConnectedSmartMeterAsync();
        var requestId = NewId("REQ");
        var request = new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric);
        (await host.Http.PostAsJsonAsync("api/orders", request, ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        // The same request with its defaults spelled out: still the same request.
        var again = request with { Account = new AccountFlags(), RequestingSystem = "CIS" };

        var same = await host.Http.PostAsJsonAsync("api/orders", again, ServiceOrdersJson.Options);
        var conflicting = await host.Http.PostAsJsonAsync("api/orders", request with { RequestType = RequestType.DisableService, Emergency = true }, ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, conflicting.StatusCode);
        Assert.Equal("application/problem+json", conflicting.Content.Headers.ContentType?.MediaType);
        var problem = await conflicting.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(ProblemTypes.Conflict, problem.GetProperty("type").GetString());
        Assert.Equal(ProblemTitles.RequestIdInUse, problem.GetProperty("title").GetString());
        Assert.Equal(requestId, problem.GetProperty(ProblemTypes.OrderIdMember).GetString());
        Assert.Equal(["requestType", "emergency"], problem.GetProperty(ProblemTypes.DifferingFieldsMember).EnumerateArray().Select(f => f.GetString()));
        var reply = await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        Assert.Equal(SwitchState.Connected, reply.FinalState!.Meter!.Switch);
        var order = await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{requestId}", ServiceOrdersJson.Options);
        Assert.Equal(RequestType.EnableService, order!.RequestType);
    }

    [Fact]
    public async Task ACompletionForAnOrderThatHasEnded_IsAConflict()
    {
        var servicePointId = await RegisterConnectedSmartMeterAsync();
        var requestId = NewId("REQ");
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{requestId}", ServiceOrdersJson.Options) is { RuntimeStatus: EngineStatus.Completed } done ? done : null,
            "the order to end");

        var late = await host.Http.PostAsJsonAsync($"api/headend/commands/{requestId}.1/result",
            new HeadEndResult(CommandOutcome.Succeeded), ServiceOrdersJson.Options);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task ARequestSentManyTimesAtOnce_MakesOneOrder()
    {
        var servicePointId = await RegisterConnectedSmartMeterAsync();
        var requestId = NewId("REQ");
        var request = new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.Http.PostAsJsonAsync("api/orders", request, ServiceOrdersJson.Options)));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
    }

    [Fact]
    public async Task AnOperatorActionForAnOrderThatIsNotInException_IsAConflict()
    {
        var servicePointId = await RegisterConnectedSmartMeterAsync();
        var requestId = NewId("REQ");
        (await host.Http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric) { RequestedDate = DateTimeOffset.UtcNow.AddDays(1) },
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{requestId}", ServiceOrdersJson.Options) is { Phase: OrderPhase.WaitingForServiceDate } waiting ? waiting : null,
            "the order to wait for its date");

        var action = await host.Http.PostAsJsonAsync($"api/orders/{requestId}/actions", new { action = "Retry", @operator = "op-1" });
        var cancel = await host.Http.PostAsJsonAsync($"api/orders/{requestId}/cancel", new { reason = "Moved away", requestedBy = "CIS" });

        Assert.Equal(HttpStatusCode.Conflict, action.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var reply = await host.WaitForReplyAsync(requestId, CisReplyKind.Cancelled);
        Assert.Contains("Moved away", reply.Detail, StringComparison.Ordinal);
    }
}
