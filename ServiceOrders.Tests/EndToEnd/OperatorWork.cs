using System.Net.Http.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>Orders that wait for a person, made through the API of the end-to-end host.</summary>
public static class OperatorWork
{
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    /// <summary>
    /// A cut for non-payment at a customer on life support: the rules stop it, so it waits on the exceptions list
    /// (reason LifeSupport) until a person acts. Returns once it is listed.
    /// </summary>
    public static async Task<string> NewExceptionAsync(StandaloneHostFixture host)
    {
        var servicePointId = await host.RegisterSmartMeterAsync(Commodity.Gas);
        var orderId = NewId("OPS");
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(orderId, RequestType.CutForNonPayment, servicePointId, Commodity.Gas,
            Account: new AccountFlags(LifeSupport: true)), ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            async () => (await host.Http.GetFromJsonAsync<OrderException[]>("api/exceptions", ServiceOrdersJson.Options))!.FirstOrDefault(e => e.OrderId == orderId && e.ActivityId is null),
            $"{orderId} on the exceptions list");
        await Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options) is { Phase: OrderPhase.Exception } view ? view : null,
            $"{orderId} in phase Exception");
        return orderId;
    }

    /// <summary>Waits until the order has ended and returns its view.</summary>
    public static Task<OrderView> EndedAsync(StandaloneHostFixture host, string orderId) =>
        Eventually.GetAsync(
            async () => await host.Http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", ServiceOrdersJson.Options) is { Outcome: not null } view ? view : null,
            $"{orderId} to end");

    public static async Task<AuditEntry[]> AuditAsync(StandaloneHostFixture host, string orderId) =>
        (await host.Http.GetFromJsonAsync<AuditEntry[]>($"api/orders/{orderId}/audit", ServiceOrdersJson.Options))!;
}
