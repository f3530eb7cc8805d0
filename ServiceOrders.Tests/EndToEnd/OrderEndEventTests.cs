using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Tests.Subscribers;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// Every way an order ends that README names reaches all three audiences: the CIS (its reply on
/// <c>cis-replies</c>), the event queue (a CloudEvent on <c>service-order-events</c>) and a webhook subscriber.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class OrderEndEventTests(StandaloneHostFixture host) : IAsyncLifetime
{
    const string Endpoint = "order-ends";

    readonly QueueClient events = new(TestStorage.ConnectionString, QueueNames.ServiceOrderEvents, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    readonly Dictionary<string, string> seen = [];
    WebhookReceiver receiver = null!;
    string subscriptionId = "";

    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    public async ValueTask InitializeAsync()
    {
        receiver = await WebhookReceiver.StartAsync();
        using var response = await host.Http.PostAsJsonAsync("api/subscriptions",
            new { url = receiver.UrlOf(Endpoint), eventTypes = new[] { WebhookSubscription.AllEvents } }, ServiceOrdersJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var subscription = (await response.Content.ReadFromJsonAsync<WebhookSubscriptionCreated>(ServiceOrdersJson.Options))!;
        subscriptionId = subscription.Id;
        receiver.Listen(Endpoint, subscription.Secret);
        await events.CreateIfNotExistsAsync();
    }

    public async ValueTask DisposeAsync()
    {
        // The subscriptions table is shared with other test hosts: leave them nothing to send to.
        using var _ = await host.Http.DeleteAsync($"api/subscriptions/{subscriptionId}");
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task AScheduledOrder_AndOneThatWaitsForAPerson_AreAnnouncedToTheCis_TheEventQueue_AndAWebhook()
    {
        var scheduled = NewId("REQ");
        await SubmitAsync(new ServiceOrderRequest(scheduled, RequestType.ReadMeter, await host.RegisterSmartMeterAsync(), Commodity.Electric,
            ReadKind: ReadKind.Scalar, RequestedDate: DateTimeOffset.UtcNow.AddDays(2)));
        var stuck = NewId("REQ");
        await SubmitAsync(new ServiceOrderRequest(stuck, RequestType.CutForNonPayment, await host.RegisterSmartMeterAsync(), Commodity.Electric,
            Account: new AccountFlags(LifeSupport: true)));

        foreach (var (orderId, reply, type) in new[]
        {
            (scheduled, CisReplyKind.Scheduled, NotificationTypes.OrderScheduled),
            (stuck, CisReplyKind.Exception, NotificationTypes.OrderException),
        })
        {
            var interim = await host.WaitForReplyAsync(orderId, reply);
            Assert.StartsWith($"{orderId}.{reply}.", interim.MessageId, StringComparison.Ordinal);
            using var queuedEvent = JsonDocument.Parse(await WaitForQueuedEventAsync(orderId, type));
            Assert.Equal($"com.serviceorders.{type}", queuedEvent.RootElement.GetProperty("type").GetString());
            var eventId = queuedEvent.RootElement.GetProperty("id").GetString()!;
            await Eventually.GetAsync(
                () => Task.FromResult(receiver.ReceivedBy(Endpoint, eventId).FirstOrDefault()), $"the webhook delivery of {eventId}", TimeSpan.FromSeconds(60));
        }

        Assert.Equal(DisconnectReasons.LifeSupport, (await host.WaitForReplyAsync(stuck, CisReplyKind.Exception)).ReasonCode);
        foreach (var orderId in new[] { scheduled, stuck })
        {
            (await host.Http.PostAsJsonAsync($"api/orders/{orderId}/cancel", new { reason = "Test over", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Rejected_Completed_AndCancelled_EachReachTheCis_TheEventQueue_AndAWebhook()
    {
        var rejected = NewId("REQ");
        await SubmitAsync(new ServiceOrderRequest(rejected, RequestType.EnableService, NewId("SP-NONE"), Commodity.Electric));
        var completed = NewId("REQ");
        await SubmitAsync(new ServiceOrderRequest(completed, RequestType.ReadMeter, await host.RegisterSmartMeterAsync(), Commodity.Electric, ReadKind: ReadKind.Scalar));
        var cancelled = NewId("REQ");
        await SubmitAsync(new ServiceOrderRequest(cancelled, RequestType.ReadMeter, await host.RegisterSmartMeterAsync(), Commodity.Electric,
            ReadKind: ReadKind.Scalar, RequestedDate: DateTimeOffset.UtcNow.AddDays(1)));
        await host.WaitForReplyAsync(cancelled, CisReplyKind.Acknowledged);
        (await host.Http.PostAsJsonAsync($"api/orders/{cancelled}/cancel", new { reason = "Customer stays", requestedBy = "CIS" })).EnsureSuccessStatusCode();

        foreach (var (orderId, reply, outcome, type) in new[]
        {
            (rejected, CisReplyKind.Rejected, OrderOutcome.Rejected, NotificationTypes.OrderRejected),
            (completed, CisReplyKind.Completed, OrderOutcome.Completed, NotificationTypes.OrderCompleted),
            (cancelled, CisReplyKind.Cancelled, OrderOutcome.Cancelled, NotificationTypes.OrderCancelled),
        })
        {
            await host.WaitForReplyAsync(orderId, reply);
            var eventId = $"{orderId}.{outcome}";

            using var queuedEvent = JsonDocument.Parse(await WaitForQueuedEventAsync(orderId, type));
            Assert.Equal(eventId, queuedEvent.RootElement.GetProperty("id").GetString());
            var queued = queuedEvent.RootElement;
            Assert.Equal($"com.serviceorders.{type}", queued.GetProperty("type").GetString());
            Assert.Equal(outcome.ToString(), queued.GetProperty("data").GetProperty("outcome").GetString());

            var delivered = await Eventually.GetAsync(
                () => Task.FromResult(receiver.ReceivedBy(Endpoint, eventId).FirstOrDefault()), $"the webhook delivery of {eventId}", TimeSpan.FromSeconds(60));
            Assert.True(delivered.SignatureValid, $"the signature of {eventId} does not verify");
            using var body = JsonDocument.Parse(delivered.Body);
            Assert.Equal($"com.serviceorders.{type}", body.RootElement.GetProperty("type").GetString());
        }
    }

    async Task SubmitAsync(ServiceOrderRequest request) =>
        (await host.Http.PostAsJsonAsync("api/orders", request, ServiceOrdersJson.Options)).EnsureSuccessStatusCode();

    /// <summary>Waits for the order's CloudEvent of this type on the event queue (its JSON); others' events go back at once.</summary>
    Task<string> WaitForQueuedEventAsync(string orderId, string type) =>
        Eventually.GetAsync(async () =>
        {
            foreach (var message in (await events.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(5))).Value)
            {
                var json = message.Body.ToString();
                using (var document = JsonDocument.Parse(json))
                {
                    seen[$"{document.RootElement.GetProperty("source").GetString()} {document.RootElement.GetProperty("type").GetString()}"] = json;
                }

                await events.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }

            return seen.GetValueOrDefault($"/serviceorders/orders/{orderId} com.serviceorders.{type}");
        }, $"the {type} event of {orderId} on {QueueNames.ServiceOrderEvents}", TimeSpan.FromSeconds(60));
}
