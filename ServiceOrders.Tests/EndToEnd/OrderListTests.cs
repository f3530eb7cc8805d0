using System.Net;
using System.Net.Http.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServicePoint = ServiceOrders.Contracts.ServicePoints.ServicePoint;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>The order list finds orders by service point, status and date, as operators and the CIS search them.</summary>
[Collection(StandaloneHostCollection.Name)]
public class OrderListTests(StandaloneHostFixture host)
{
    [Fact]
    public async Task AnEndedOrder_IsListedAtItsServicePointWithItsStatus()
    {
        var servicePointId = $"SP-{Guid.NewGuid():N}"[..24];
        var requestId = $"REQ-{Guid.NewGuid():N}"[..24];
        (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}",
            new ServicePoint(servicePointId, Commodity.Electric, new Meter($"M-{requestId}", MeterClass.Smart, true, SwitchState.Connected)),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(requestId, RequestType.ReadMeter, servicePointId, Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);

        var atPoint = await host.Http.GetFromJsonAsync<OrderPage>($"api/orders?servicePointId={servicePointId}", ServiceOrdersJson.Options);
        var completed = await host.Http.GetFromJsonAsync<OrderPage>($"api/orders?status=Completed&q={requestId}", ServiceOrdersJson.Options);
        var failed = await host.Http.GetFromJsonAsync<OrderPage>($"api/orders?status=Failed&q={requestId}", ServiceOrdersJson.Options);
        var longAgo = await host.Http.GetFromJsonAsync<OrderPage>(
            $"api/orders?servicePointId={servicePointId}&from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z", ServiceOrdersJson.Options);

        var entry = Assert.Single(atPoint!.Items);
        Assert.Equal((requestId, OrderStatus.Completed, RequestType.ReadMeter), (entry.OrderId, entry.Status, entry.RequestType));
        Assert.Equal((Commodity.Electric, MeterClass.Smart), (entry.Commodity, entry.MeterClass));
        Assert.Null(atPoint.NextPageToken);
        Assert.Contains(completed!.Items, e => e.OrderId == requestId);
        Assert.DoesNotContain(failed!.Items, e => e.OrderId == requestId);
        Assert.Empty(longAgo!.Items);
    }

    [Fact]
    public async Task AnOrderWaitingForItsServiceDate_IsListedWithWhatItWaitsForUntilWhen_AndSentByWhom()
    {
        var servicePointId = await host.RegisterSmartMeterAsync(state: SwitchState.Disconnected);
        var requestId = $"REQ-{Guid.NewGuid():N}"[..24];
        var date = DateTimeOffset.UtcNow.AddDays(2);
        (await host.Http.PostAsJsonAsync("api/orders",
            new ServiceOrderRequest(requestId, RequestType.EnableService, servicePointId, Commodity.Electric, RequestedDate: date, RequestingSystem: "BILLING"),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();

        var entry = await Eventually.GetAsync(
            async () => (await host.Http.GetFromJsonAsync<OrderPage>($"api/orders?q={requestId}&requestingSystem=BILLING", ServiceOrdersJson.Options))!
                .Items.FirstOrDefault(e => e.WaitingFor is not null),
            "the order list to show the wait");
        (await host.Http.PostAsJsonAsync($"api/orders/{requestId}/cancel", new { reason = "Not needed", requestedBy = "CIS" })).EnsureSuccessStatusCode();

        Assert.Equal(("ServiceDate", OrderStatus.Open, "BILLING"), (entry.WaitingFor, entry.Status, entry.RequestingSystem));
        Assert.Equal(date.ToUnixTimeSeconds(), entry.WaitingUntil?.ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("api/orders?status=Teleported")]
    [InlineData("api/orders?from=yesterday")]
    [InlineData("api/orders?from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z")]
    [InlineData("api/orders?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z")]
    [InlineData("api/orders?top=0")]
    [InlineData("api/orders?servicePointId=bad%20id")]
    [InlineData("api/orders?pageSize=201")]
    [InlineData("api/orders?sort=fastest")]
    [InlineData("api/orders?meterClass=Analog")]
    [InlineData("api/orders?pageToken=bm90LWEtdG9rZW4.AAAAAAAAAAAAAAAA")]
    public async Task ASearchWithInvalidParameters_IsRefused(string path)
    {
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
