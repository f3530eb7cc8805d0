using System.Net.Mime;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using CloudNative.CloudEvents.SystemTextJson;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Adapters.CloudEvents;

/// <summary>CloudEvents on the storage queue <c>service-order-events</c> (Azurite), for local runs without Service Bus.</summary>
public class StorageQueueCloudEventPublisherTests
{
    static readonly QueueServiceClient Queues = new(TestStorage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    [Fact]
    public async Task ANotification_LandsOnTheEventsQueue_AsTheSameStructuredCloudEventJson()
    {
        var id = $"N-{Guid.NewGuid():N}";
        var notification = new SubscriberNotification(id, NotificationTypes.OrderCancelled, "REQ-9", "SP-9", DateTimeOffset.UnixEpoch, OrderOutcome.Cancelled);

        await new StorageQueueCloudEventPublisher(new StorageQueues(Queues)).PublishAsync([notification], CancellationToken.None);

        var queue = Queues.GetQueueClient(QueueNames.ServiceOrderEvents);
        var text = await Eventually.GetAsync(async () =>
        {
            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
            {
                if (message.Body.ToString().Contains(id, StringComparison.Ordinal))
                {
                    return message.Body.ToString();
                }
            }

            return null;
        }, $"event {id} on the events queue");
        Assert.Equal(Encoding.UTF8.GetString(SubscriberCloudEvents.Encode(notification).Span), text);
        var cloudEvent = new JsonEventFormatter<SubscriberNotification>(ServiceOrdersJson.Options, new JsonDocumentOptions())
            .DecodeStructuredModeMessage(Encoding.UTF8.GetBytes(text), new ContentType(SubscriberCloudEvents.ContentType), null);
        Assert.Equal(id, cloudEvent.Id);
        Assert.Equal("com.serviceorders.serviceorder.cancelled", cloudEvent.Type);
        Assert.Equal(notification, cloudEvent.Data);
    }
}
