using System.Net.Mime;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Moq;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Tests.Adapters.ServiceBus;

/// <summary>
/// CloudEvents on the Service Bus topic, captured from a mocked sender and decoded by the CloudEvents SDK's own
/// formatter, as a subscriber would.
/// </summary>
public class ServiceBusCloudEventPublisherTests
{
    readonly List<ServiceBusMessage> sent = [];

    readonly Mock<ServiceBusSender> sender = new();

    public ServiceBusCloudEventPublisherTests() =>
        sender.Setup(s => s.SendMessagesAsync(It.IsAny<IEnumerable<ServiceBusMessage>>(), It.IsAny<CancellationToken>()))
            .Callback((IEnumerable<ServiceBusMessage> messages, CancellationToken _) => sent.AddRange(messages))
            .Returns(Task.CompletedTask);

    static readonly DateTimeOffset At = new(2026, 11, 26, 10, 15, 0, TimeSpan.Zero);

    static readonly SubscriberNotification OrderCompleted =
        new("REQ-1001.completed", NotificationTypes.OrderCompleted, "REQ-1001", "SP-42", At, OrderOutcome.Completed);

    static readonly SubscriberNotification ServicePointChanged =
        new("REQ-1001.sp", NotificationTypes.ServicePointChanged, "REQ-1001", "SP-42", At,
            ServicePoint: new ServicePoint("SP-42", Commodity.Gas, new Meter("GM-7", MeterClass.Amr, true, SwitchState.Disconnected)));

    static CloudEvent Decode(ServiceBusMessage message) =>
        new JsonEventFormatter<SubscriberNotification>(ServiceOrdersJson.Options, new JsonDocumentOptions())
            .DecodeStructuredModeMessage(message.Body.ToMemory(), new ContentType(message.ContentType), extensionAttributes: null);

    [Fact]
    public async Task EachNotification_IsOneStructuredCloudEvent_WithItsIdAsMessageId()
    {
        await new ServiceBusCloudEventPublisher(sender.Object).PublishAsync([OrderCompleted, ServicePointChanged], CancellationToken.None);

        Assert.Equal(["REQ-1001.completed", "REQ-1001.sp"], sent.Select(m => m.MessageId));
        Assert.All(sent, m => Assert.Equal("application/cloudevents+json", m.ContentType));
        Assert.All(sent, m => Assert.Equal("REQ-1001", m.CorrelationId));
        Assert.Equal(["com.serviceorders.serviceorder.completed", "com.serviceorders.servicepoint.changed"], sent.Select(m => m.Subject));
    }

    [Fact]
    public async Task TheCloudEventAttributes_RoundTripThroughTheCloudEventsFormatter()
    {
        await new ServiceBusCloudEventPublisher(sender.Object).PublishAsync([OrderCompleted], CancellationToken.None);

        var cloudEvent = Decode(Assert.Single(sent));

        Assert.Equal(CloudEventsSpecVersion.V1_0, cloudEvent.SpecVersion);
        Assert.Equal("REQ-1001.completed", cloudEvent.Id);
        Assert.Equal("com.serviceorders.serviceorder.completed", cloudEvent.Type);
        Assert.Equal(new Uri("/serviceorders/orders/REQ-1001", UriKind.Relative), cloudEvent.Source);
        Assert.Equal("SP-42", cloudEvent.Subject);
        Assert.Equal(At, cloudEvent.Time);
        Assert.Equal("application/json", cloudEvent.DataContentType);
        Assert.Equal(OrderCompleted, cloudEvent.Data);
    }

    [Fact]
    public async Task AServicePointChange_CarriesTheNewStateAsData()
    {
        await new ServiceBusCloudEventPublisher(sender.Object).PublishAsync([ServicePointChanged], CancellationToken.None);

        var data = Assert.IsType<SubscriberNotification>(Decode(Assert.Single(sent)).Data);

        Assert.Equal(ServicePointChanged.ServicePoint, data.ServicePoint);
    }

    [Fact]
    public async Task NoNotifications_SendNothing()
    {
        await new ServiceBusCloudEventPublisher(sender.Object).PublishAsync([], CancellationToken.None);

        sender.Verify(s => s.SendMessagesAsync(It.IsAny<IEnumerable<ServiceBusMessage>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task TheStructuredJson_NamesTheSpecVersionAndCarriesTheNotificationAsData()
    {
        await new ServiceBusCloudEventPublisher(sender.Object).PublishAsync([OrderCompleted], CancellationToken.None);

        using var json = JsonDocument.Parse(Assert.Single(sent).Body.ToString());
        Assert.Equal("1.0", json.RootElement.GetProperty("specversion").GetString());
        Assert.Equal("REQ-1001", json.RootElement.GetProperty("data").GetProperty("orderId").GetString());
        Assert.Equal("Completed", json.RootElement.GetProperty("data").GetProperty("outcome").GetString());
    }
}
