using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.EndToEnd;
using ServiceOrders.Tests.Subscribers;
using ServiceOrders.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceOrders.Tests.OperatorConsole.EndToEnd;

/// <summary>An administrator at the registry and subscribers pages, in headless Chromium, against the real standalone host.</summary>
[Collection(StandaloneHostCollection.Name)]
public class ConsoleRegistryEndToEndTests(StandaloneHostFixture host, ConsoleInBrowserFixture console) : IClassFixture<ConsoleInBrowserFixture>
{
    async Task<(ConsolePages Pages, RegistryPages Registry, IBrowserContext Context)> SignInAsAdminAsync()
    {
        var (pages, context) = await console.OpenAsync(host);
        await pages.SignInAsync(ConsoleInBrowserFixture.Admin, console.Password);
        return (pages, new RegistryPages(pages), context);
    }

    [Fact]
    public async Task AnAdministratorLooksUpAServicePoint_AndSeesItsMeterAndItsOrders()
    {
        var servicePointId = await host.RegisterSmartMeterAsync();
        var meter = (await host.Http.GetFromJsonAsync<ServicePoint>($"api/service-points/{servicePointId}", ServiceOrdersJson.Options))!.Meter!;
        var orderId = $"REG-{Guid.NewGuid():N}"[..24];
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(orderId, RequestType.ReadMeter, servicePointId, Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await Eventually.GetAsync(
            async () => (await host.Http.GetStringAsync($"api/orders?servicePointId={servicePointId}")).Contains(orderId, StringComparison.Ordinal) ? "listed" : null,
            "the order to be listed at its service point");
        var (pages, registry, context) = await SignInAsAdminAsync();
        await using var _ = context;

        await registry.LookUpAsync(servicePointId);

        await Expect(pages.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/service-points\\?id={servicePointId}$"));
        await Expect(registry.Meter).ToHaveTextAsync($"{meter.MeterId}, Smart, commissioned");
        await Expect(registry.OrderLink(orderId)).ToHaveAttributeAsync("href", $"/orders/{orderId}");
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ScreenshotAsync("registry-service-point");
        await registry.OrderLink(orderId).ClickAsync();
        await Expect(pages.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/orders/{orderId}$"));
    }

    [Fact]
    public async Task AnAdministratorImportsAFileWithOneBadRow_SeesThatRowsError_ThenImportsItFixed()
    {
        var good = $"SP-{Guid.NewGuid():N}"[..24];
        var bad = $"SP-{Guid.NewGuid():N}"[..24];
        var (pages, registry, context) = await SignInAsAdminAsync();
        await using var _ = context;
        await pages.OpenLiveAsync("service-points");

        await registry.ImportAsync("registry.csv", $"servicePointId,commodity,meterId,meterClass\n{good},Electric,M-{good[3..]},Smart\n{bad},Steam,M-{bad[3..]},Smart\n");

        await Expect(registry.ImportOutcome).ToContainTextAsync("registry.csv was not imported: 1 error(s)");
        var row = registry.ImportErrors.Locator("tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("3");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("commodity");
        await Expect(row.Locator("td").Nth(3)).ToContainTextAsync("Steam");
        Assert.Empty(await pages.AccessibilityViolationsAsync());
        await pages.ScreenshotAsync("registry-import-refused");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await host.Http.GetAsync($"api/service-points/{good}")).StatusCode);

        await registry.ImportAsync("registry-fixed.csv", $"servicePointId,commodity,meterId,meterClass\n{good},Electric,M-{good[3..]},Smart\n{bad},Gas,M-{bad[3..]},Smart\n");

        await Expect(registry.ImportOutcome).ToContainTextAsync("2 service point(s) imported from registry-fixed.csv.");
        await Expect(pages.Page.GetByRole(AriaRole.Link, new() { Name = bad, Exact = true })).ToHaveAttributeAsync("href", $"/service-points?id={bad}");
        await pages.ScreenshotAsync("registry-imported");
        var imported = await host.Http.GetFromJsonAsync<ServicePoint>($"api/service-points/{bad}", ServiceOrdersJson.Options);
        Assert.Equal(Commodity.Gas, imported!.Commodity);
    }

    [Fact]
    public async Task AnAdministratorSendsAFailedDeliveryAgain_FromTheSubscribersPage_AndSeesItDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var endpoint = "console-redelivery";
        var url = receiver.UrlOf(endpoint).ToString();
        var (pages, registry, context) = await SignInAsAdminAsync();
        await using var _ = context;
        await registry.OpenSubscribersAsync();
        var secret = await registry.SubscribeAsync(url, NotificationTypes.OrderResumed, "Billing test receiver");
        // The receiver refuses the event's first delivery for good (400), and takes any later one.
        receiver.Listen(endpoint, secret, script: [400]);
        try
        {
            var notification = WebhookHostFixture.NewNotification(NotificationTypes.OrderResumed);
            await host.Services.GetRequiredService<WebhookNotifier>().PublishAsync([notification], CancellationToken.None);

            await registry.OpenDeliveriesAsync(url);
            var tries = registry.TriesOf(notification.NotificationId);
            await Expect(tries.Locator(".badge")).ToHaveTextAsync("Failed");
            await pages.ScreenshotAsync("subscribers-failed-delivery");
            await registry.RedeliverAsync(notification.NotificationId, "The receiver was fixed");

            await Expect(pages.Outcome).ToContainTextAsync($"Event {notification.NotificationId} is queued for {url} again");
            // The page follows the history live: the new try shows without a reload.
            await Expect(tries.First.Locator(".badge")).ToHaveTextAsync("Delivered");
            await Expect(tries).ToHaveCountAsync(2);
            Assert.Empty(await pages.AccessibilityViolationsAsync());
            await pages.ScreenshotAsync("subscribers-redelivered");
            var received = receiver.ReceivedBy(endpoint, notification.NotificationId);
            Assert.Equal(2, received.Count);
            Assert.True(received[^1].SignatureValid);

            await registry.DeleteSubscriptionAsync(url);
            await Expect(pages.Outcome).ToContainTextAsync("was deleted");
        }
        finally
        {
            // Other hosts share the subscriptions table: leave them nothing to send to.
            foreach (var left in (await host.Http.GetFromJsonAsync<Contracts.Subscribers.WebhookSubscription[]>("api/subscriptions", ServiceOrdersJson.Options))!
                         .Where(s => s.Url == url))
            {
                using var __ = await host.Http.DeleteAsync($"api/subscriptions/{left.Id}");
            }
        }
    }
}
