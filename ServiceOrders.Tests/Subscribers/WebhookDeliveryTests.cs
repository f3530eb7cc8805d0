using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Subscribers;

/// <summary>Deliveries end to end: notifier, the <c>webhook-deliveries</c> queue on Azurite, the dispatcher, a real receiver.</summary>
[Collection(WebhookHostCollection.Name)]
public class WebhookDeliveryTests(WebhookHostFixture host)
{
    static bool Has(IReadOnlyList<WebhookDeliveryRecord> records, WebhookDeliveryOutcome outcome) => records.Any(r => r.Outcome == outcome);

    [Fact]
    public async Task AnEvent_IsPostedAsASignedCloudEvent_AndRecorded()
    {
        var subscription = await host.SubscribeAsync("signed", [NotificationTypes.OrderCompleted]);
        var notification = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(notification);
        var records = await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => Has(r, WebhookDeliveryOutcome.Delivered), "a delivery");

        var record = Assert.Single(records);
        Assert.Equal((1, 200, NotificationTypes.OrderCompleted), (record.Attempt, record.StatusCode, record.Type));
        var request = Assert.Single(host.Receiver.ReceivedBy("signed", notification.NotificationId));
        Assert.True(request.SignatureValid, "The signature does not verify with the subscription's secret.");
        Assert.StartsWith("application/cloudevents+json", request.ContentType, StringComparison.Ordinal);

        using var cloudEvent = JsonDocument.Parse(request.Body);
        var root = cloudEvent.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal(notification.NotificationId, root.GetProperty("id").GetString());
        Assert.Equal("com.serviceorders.serviceorder.completed", root.GetProperty("type").GetString());
        Assert.Equal($"/serviceorders/orders/{notification.OrderId}", root.GetProperty("source").GetString());
        Assert.Equal(notification.ServicePointId, root.GetProperty("subject").GetString());
        Assert.Equal(notification.NotificationId, root.GetProperty("data").GetProperty("notificationId").GetString());
        Assert.Equal("Completed", root.GetProperty("data").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ASignature_DoesNotVerifyWithAnotherSecret()
    {
        var subscription = await host.SubscribeAsync("other-secret", [WebhookSubscription.AllEvents]);
        var notification = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(notification);
        await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => Has(r, WebhookDeliveryOutcome.Delivered), "a delivery");

        var request = Assert.Single(host.Receiver.ReceivedBy("other-secret", notification.NotificationId));
        Assert.True(WebhookReceiver.Verify(subscription.Secret, request.Id, request.Timestamp, request.Signature, request.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookReceiver.Verify(WebhookSignature.NewSecret(), request.Id, request.Timestamp, request.Signature, request.Body, DateTimeOffset.UtcNow));
        Assert.False(WebhookReceiver.Verify(subscription.Secret, request.Id, request.Timestamp, request.Signature, request.Body + " ", DateTimeOffset.UtcNow));
        Assert.False(WebhookReceiver.Verify(subscription.Secret, request.Id, request.Timestamp, request.Signature, request.Body, DateTimeOffset.UtcNow.AddHours(1)));
    }

    [Fact]
    public async Task AJobQueuedTwice_IsSentOnce()
    {
        var subscription = await host.SubscribeAsync("twice", [NotificationTypes.OrderCompleted]);
        var notification = WebhookHostFixture.NewNotification();

        // The activity ran twice: two jobs with the same key, possibly taken at the same moment.
        await Task.WhenAll(host.PublishToWebhooksAsync(notification), host.PublishToWebhooksAsync(notification));
        var records = await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId,
            r => Has(r, WebhookDeliveryOutcome.Delivered) && Has(r, WebhookDeliveryOutcome.Duplicate), "a delivery and a dropped duplicate");

        Assert.Single(records, r => r.Outcome == WebhookDeliveryOutcome.Delivered);
        Assert.Single(host.Receiver.ReceivedBy("twice", notification.NotificationId));
    }

    [Fact]
    public async Task AServerError_IsRetriedAfterItsDelay_UntilItIsDelivered()
    {
        var subscription = await host.SubscribeAsync("flaky", [NotificationTypes.OrderCompleted], script: [500, 503]);
        var notification = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(notification);
        var records = await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => Has(r, WebhookDeliveryOutcome.Delivered), "a delivery");

        Assert.Equal(
            [(1, 500, WebhookDeliveryOutcome.WillRetry), (2, 503, WebhookDeliveryOutcome.WillRetry), (3, 200, WebhookDeliveryOutcome.Delivered)],
            records.Select(r => (r.Attempt, r.StatusCode ?? 0, r.Outcome)));
        Assert.All(records.Take(2), r => Assert.NotNull(r.NextAttemptAt));
        Assert.True(records[1].At - records[0].At >= WebhookHostFixture.RetryDelay - TimeSpan.FromMilliseconds(100), "The retry came before its delay.");
        var requests = host.Receiver.ReceivedBy("flaky", notification.NotificationId);
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task ADeliveryThatKeepsFailing_StopsAsFailedAfterTheLastTry()
    {
        var subscription = await host.SubscribeAsync("down", [NotificationTypes.OrderCompleted], script: [500, 502, 429, 408, 500]);
        var notification = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(notification);
        var records = await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => Has(r, WebhookDeliveryOutcome.Failed), "the last try");

        Assert.Equal(WebhookHostFixture.Attempts, records.Count);
        Assert.Equal((WebhookHostFixture.Attempts, 408, WebhookDeliveryOutcome.Failed), (records[^1].Attempt, records[^1].StatusCode, records[^1].Outcome));
        Assert.Null(records[^1].NextAttemptAt);
        Assert.Equal(WebhookHostFixture.Attempts, host.Receiver.ReceivedBy("down", notification.NotificationId).Count);
    }

    [Fact]
    public async Task ARefusal_FailsAtOnce_WithoutRetry()
    {
        var subscription = await host.SubscribeAsync("refuses", [NotificationTypes.OrderCompleted], script: [400]);
        var notification = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(notification);
        var records = await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => Has(r, WebhookDeliveryOutcome.Failed), "a refusal");

        var record = Assert.Single(records);
        Assert.Equal((1, 400), (record.Attempt, record.StatusCode));
        Assert.Contains("400", record.Error, StringComparison.Ordinal);
        Assert.Single(host.Receiver.ReceivedBy("refuses", notification.NotificationId));
    }

    [Fact]
    public async Task ARedirect_IsNotFollowed()
    {
        var subscription = await host.SubscribeAsync("redirects", [NotificationTypes.OrderCompleted], script: [307], redirectTo: "elsewhere");
        var notification = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(notification);
        var record = Assert.Single(await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId,
            r => Has(r, WebhookDeliveryOutcome.Failed), "a refused redirect"));

        Assert.Equal(307, record.StatusCode);
        Assert.Empty(host.Receiver.ReceivedBy("elsewhere"));
    }

    [Fact]
    public async Task Gone_DisablesTheSubscription_AndLaterJobsAreSkipped()
    {
        var subscription = await host.SubscribeAsync("gone", [NotificationTypes.OrderCompleted], script: [410]);
        var first = WebhookHostFixture.NewNotification();

        await host.PublishToWebhooksAsync(first);
        await host.WaitForDeliveriesAsync(subscription.Id, first.NotificationId, r => Has(r, WebhookDeliveryOutcome.SubscriptionDisabled), "a 410");

        var disabled = await Eventually.GetAsync(
            () => host.Services.GetRequiredService<TableWebhookSubscriptions>().GetAsync(subscription.Id, CancellationToken.None),
            "the subscription");
        Assert.Equal(WebhookSubscriptionStatus.Disabled, disabled.Status);
        Assert.NotNull(disabled.DisabledReason);

        // A job queued before the 410 came in: recorded, not sent.
        var second = WebhookHostFixture.NewNotification();
        await host.Services.GetRequiredService<WebhookQueue>().EnqueueAsync(
            new WebhookDeliveryJob(subscription.Id, second, 1, [WebhookHostFixture.RetryDelay]), TimeSpan.Zero, CancellationToken.None);
        await host.WaitForDeliveriesAsync(subscription.Id, second.NotificationId, r => Has(r, WebhookDeliveryOutcome.Skipped), "a skipped job");
        Assert.Empty(host.Receiver.ReceivedBy("gone", second.NotificationId));
        Assert.False(disabled.Wants(NotificationTypes.OrderCompleted));
    }

    [Fact]
    public async Task AReceiverThatCannotBeReached_IsRetried()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var created = await host.Http.PostAsJsonAsync("api/subscriptions",
            new { url = $"http://127.0.0.1:{port}/nobody", eventTypes = new[] { "*" } }, Contracts.Api.ServiceOrdersJson.Options);
        var subscription = (await created.Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(Contracts.Api.ServiceOrdersJson.Options))!;
        var notification = WebhookHostFixture.NewNotification();

        try
        {
            await host.PublishToWebhooksAsync(notification);
            var records = await host.WaitForDeliveriesAsync(subscription.Id, notification.NotificationId, r => r.Count > 0, "a try");

            Assert.Equal((WebhookDeliveryOutcome.WillRetry, null), (records[0].Outcome, records[0].StatusCode));
            Assert.False(string.IsNullOrWhiteSpace(records[0].Error));
        }
        finally
        {
            await host.Http.DeleteAsync($"api/subscriptions/{subscription.Id}");
        }
    }
}
