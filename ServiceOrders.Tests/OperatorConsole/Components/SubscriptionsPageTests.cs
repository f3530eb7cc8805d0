using System.Net;
using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.OperatorConsole.Api;
using ServiceOrders.OperatorConsole.Components.Subscriptions;

namespace ServiceOrders.Tests.OperatorConsole.Components;

public class SubscriptionsPageTests() : ConsoleComponentTest("ada", ConsoleRoles.Reader, ConsoleRoles.Admin)
{
    const string Id = "sub_0190aaaabbbbccccddddeeeeffff0001";

    static readonly WebhookSubscription Billing =
        new(Id, "https://billing.example.com/hooks", [NotificationTypes.OrderCompleted], "Billing", Now.AddDays(-3));

    IRenderedComponent<SubscriptionsPage> OpenDeliveries(params DeliveryTry[] tries)
    {
        Product.Answer("GET", "/api/subscriptions", new[] { Billing })
            .Answer("GET", $"/api/subscriptions/{Id}/deliveries", tries);
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/subscriptions?id={Id}");
        return Render<SubscriptionsPage>();
    }

    static DeliveryTry Try(string eventId, int attempt, string outcome, int? status, int minutesAgo) =>
        new(eventId, NotificationTypes.OrderCompleted, attempt, status, outcome, Now.AddMinutes(-minutesAgo), outcome == "Delivered" ? null : $"HTTP {status}");

    [Fact]
    public void ASubscriptionsDeliveries_AreShownNewestFirst_AndOnlyAnEventWhoseTriesEnded_CanBeSentAgain()
    {
        var page = OpenDeliveries(
            Try("E-RETRYING", 1, "WillRetry", 503, 1),
            Try("E-FAILED", 2, "Failed", 400, 5),
            Try("E-FAILED", 1, "WillRetry", 503, 6),
            Try("E-OK", 1, "Delivered", 200, 10));

        Assert.Contains("https://billing.example.com/hooks", page.Find("[data-testid=subscriptions]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["E-RETRYING", "E-FAILED", "E-FAILED", "E-OK"], page.FindAll("[data-testid=deliveries] tbody tr").Select(r => r.GetAttribute("data-event")));
        Assert.Equal(["Redeliver event E-FAILED", "Redeliver event E-OK"], page.FindAll("[data-testid=deliveries] button").Select(b => b.GetAttribute("aria-label")));
        Assert.Equal("Failed", page.Find("tr[data-event=E-FAILED] .badge").TextContent);
        Assert.Equal("2026-03-10 09:55:00", page.Find("tr[data-event=E-FAILED] time").TextContent);
    }

    [Fact]
    public void Redeliver_SendsTheEventAgainAsThePerson_WithTheNote_AndSaysItIsQueued()
    {
        var page = OpenDeliveries(Try("E-FAILED", 4, "Failed", 500, 5));
        Product.Answer("POST", $"/api/subscriptions/{Id}/deliveries/E-FAILED/redeliver", new RedeliveryAnswer(Id, "E-FAILED", true), HttpStatusCode.Accepted);

        page.Find("#redelivery-note").Change("Billing was down for maintenance");
        page.Find("button[aria-label='Redeliver event E-FAILED']").Click();

        var (request, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        Assert.Equal("ada", request.Headers.GetValues(ConsoleRoles.ActorHeader).Single());
        Assert.Equal("Billing was down for maintenance", JsonDocument.Parse(body!).RootElement.GetProperty("note").GetString());
        Assert.Contains("Event E-FAILED is queued for https://billing.example.com/hooks again", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ARedeliveryWhileTheEventIsStillTried_IsRefusedInWords()
    {
        var page = OpenDeliveries(Try("E-FAILED", 4, "Failed", 500, 5));
        Product.Problem("POST", $"/api/subscriptions/{Id}/deliveries/E-FAILED/redeliver", HttpStatusCode.Conflict,
            "Delivery under way", "Event E-FAILED is being delivered; ask again once its tries have ended.");

        page.Find("button[aria-label='Redeliver event E-FAILED']").Click();

        Assert.Equal("This cannot be done now: Event E-FAILED is being delivered; ask again once its tries have ended.",
            page.Find("[data-testid=outcome] [data-testid=problem]").TextContent.Trim());
    }

    [Fact]
    public void ANewSubscription_IsSentWithItsEvents_AndItsSecretIsShownOnce()
    {
        Product.Answer("GET", "/api/subscriptions", Array.Empty<WebhookSubscription>())
            .Answer("POST", "/api/subscriptions",
                new WebhookSubscriptionCreated(Id, "https://crm.example.com/in", [NotificationTypes.OrderFailed], null, "whsec_c2VjcmV0", Now), HttpStatusCode.Created);
        var page = Render<SubscriptionsPage>();

        page.Find("#subscription-url").Change("https://crm.example.com/in");
        page.FindAll("label.choice").Single(l => l.TextContent.Trim() == NotificationTypes.OrderFailed).QuerySelector("input")!.Change(true);
        page.Find("form").Submit();

        var (_, body) = Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Post);
        var sent = JsonSerializer.Deserialize<CreateWebhookSubscription>(body!, ServiceOrdersJson.Options)!;
        Assert.Equal("https://crm.example.com/in", sent.Url);
        Assert.Equal([NotificationTypes.OrderFailed], sent.EventTypes!);
        Assert.Contains("whsec_c2VjcmV0", page.Find("[data-testid=secret]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_AsksFirst_ThenDeletesTheSubscription()
    {
        Product.Answer("GET", "/api/subscriptions", new[] { Billing });
        var page = Render<SubscriptionsPage>();

        page.Find("button[aria-label='Delete the subscription of https://billing.example.com/hooks']").Click();
        Assert.DoesNotContain(Product.Requests, r => r.Request.Method == HttpMethod.Delete);
        Product.Answer("DELETE", $"/api/subscriptions/{Id}", new { }, HttpStatusCode.NoContent)
            .Answer("GET", "/api/subscriptions", Array.Empty<WebhookSubscription>());
        page.Find("button.danger").Click();

        Assert.Single(Product.Requests, r => r.Request.Method == HttpMethod.Delete);
        Assert.Contains("was deleted", page.Find("[data-testid=outcome]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=no-subscriptions]"));
    }
}

public class SubscriptionsPageForAReaderTests() : ConsoleComponentTest("rita", ConsoleRoles.Reader)
{
    [Fact]
    public void AReader_SeesSubscribersAndDeliveries_WithEveryChangeDisabled()
    {
        const string id = "sub_0190aaaabbbbccccddddeeeeffff0002";
        Product.Answer("GET", "/api/subscriptions", new[] { new WebhookSubscription(id, "https://a.example.com/", ["*"], null, Now) })
            .Answer("GET", $"/api/subscriptions/{id}/deliveries", new[] { new DeliveryTry("E-1", NotificationTypes.OrderCompleted, 1, 400, "Failed", Now) });
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/subscriptions?id={id}");

        var page = Render<SubscriptionsPage>();

        Assert.All(page.FindAll("button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.Empty(page.FindAll("#subscription-url"));
        Assert.Contains("need the Admin role", page.Markup, StringComparison.Ordinal);
        Assert.Contains("every event", page.Find("[data-testid=subscriptions]").TextContent, StringComparison.Ordinal);
    }
}
