using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Api.Operators;
using ServiceOrders.Api.Webhooks;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>An administrator sends an event again to a receiver that missed it, once its tries have ended.</summary>
[Collection(WebhookHostCollection.Name)]
public class WebhookRedeliveryTests(WebhookHostFixture host)
{
    [Fact]
    public async Task AnEventWhoseTriesFailed_IsDeliveredWhenSentAgain_AndTheRedeliveryIsAudited()
    {
        var subscription = await host.SubscribeAsync("redeliver", [NotificationTypes.OrderCompleted], script: [.. Enumerable.Repeat(500, WebhookHostFixture.Attempts)]);
        var notification = WebhookHostFixture.NewNotification();
        await host.PublishToWebhooksAsync(notification);
        await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => r.Any(d => d.Outcome == WebhookDeliveryOutcome.Failed), "the last try");

        using var response = await host.Http.PostAsJsonAsync($"api/subscriptions/{subscription.Id}/deliveries/{notification.NotificationId}/redeliver",
            new RedeliveryRequest("The receiver was down for maintenance"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => r.Any(d => d.Outcome == WebhookDeliveryOutcome.Delivered), "the redelivery");
        var received = host.Receiver.ReceivedBy("redeliver", notification.NotificationId);
        Assert.Equal(WebhookHostFixture.Attempts + 1, received.Count);
        Assert.True(received[^1].SignatureValid);
        var audit = await host.Services.GetRequiredService<IAuditLog>().ListAsync(AuditTrail.SubscriptionSubject(subscription.Id), CancellationToken.None);
        Assert.Contains(audit, e => e.Action == "Redeliver" && e.Target == notification.NotificationId && e.Note == "The receiver was down for maintenance");
    }

    [Fact]
    public async Task AnEventNeverSent_CannotBeSentAgain()
    {
        var subscription = await host.SubscribeAsync("redeliver-unknown", [NotificationTypes.OrderCompleted]);

        using var response = await host.Http.PostAsync($"api/subscriptions/{subscription.Id}/deliveries/NO-SUCH-EVENT/redeliver", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(ProblemTitles.DeliveryNotFound, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }
}
