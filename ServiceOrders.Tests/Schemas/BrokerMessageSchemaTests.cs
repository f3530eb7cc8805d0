using System.Text.Json;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// The Service Bus messages as the product builds them, which no test here can receive from a broker: their bodies are
/// valid by the schemas <c>docs/asyncapi.yaml</c> gives the Service Bus channels, their application properties are
/// the headers it documents, and the CloudEvent contract reads the events the product writes.
/// </summary>
public sealed class BrokerMessageSchemaTests
{
    static readonly AsyncApiDocument AsyncApi = AsyncApiDocument.Load();

    static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(-6));

    static readonly ServicePoint Point = new("SP-42", Commodity.Electric, new Meter("SM-9001", MeterClass.Smart, true, SwitchState.Connected),
        new Reading("kWh", 18342.5m, "kWh", At));

    static readonly CisReply[] Replies =
    [
        new("REQ-1001.Acknowledged", "REQ-1001", "CIS", CisReplyKind.Acknowledged, At),
        new("REQ-1001.Rejected", "REQ-1001", "CIS", CisReplyKind.Rejected, At, ReasonCodes.UnknownServicePoint, "Service point SP-42 is not registered.",
            [new ValidationError(ReasonCodes.UnknownServicePoint, "servicePointId", "Service point SP-42 is not registered.")]),
        new("REQ-1001.Completed", "REQ-1001", "CIS", CisReplyKind.Completed, At, Detail: "Service is on.", FinalState: Point, Readings: [Point.LastReading!]),
    ];

    static readonly SubscriberNotification Notification =
        new("REQ-1001.Completed", NotificationTypes.OrderCompleted, "REQ-1001", "SP-42", At, OrderOutcome.Completed, Point);

    [Fact]
    public void A_cis_reply_on_Service_Bus_has_a_body_valid_by_its_schema_and_the_documented_properties()
    {
        var channel = AsyncApi.Channels.Single(c => AsyncApiDocument.ServersOf(c.Channel).Contains("serviceBus") && c.Channel["address"]?.GetValue<string>() == new ServiceBusMessagingOptions().ReplyQueue);
        var message = AsyncApi.Follow(channel.Channel["messages"]!.AsObject().Single().Value)!.AsObject();
        var headers = message["headers"]!["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        foreach (var reply in Replies)
        {
            var sent = ServiceBusCisReplySender.ToMessage(reply);

            PublishedSchemas.AssertValid(AsyncApiDocument.PayloadSchemaOf(message), sent.Body.ToString(), $"the Service Bus message of a {reply.Kind} reply");
            Assert.Equal(headers, sent.ApplicationProperties.Keys.Order(StringComparer.Ordinal));
        }

        var kinds = message["headers"]!["properties"]!["kind"]!["enum"]!.AsArray().Select(k => k!.GetValue<string>());
        Assert.Equal(Enum.GetNames<CisReplyKind>().Order(StringComparer.Ordinal), kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_event_on_the_Service_Bus_topic_has_a_body_valid_by_its_schema()
    {
        var schemas = AsyncApi.SchemasSentOn("serviceBus", new ServiceBusMessagingOptions().EventsTopic);

        var sent = ServiceBusCloudEventPublisher.ToMessage(Notification);

        Assert.Equal(SubscriberCloudEvents.ContentType, sent.ContentType);
        PublishedSchemas.AssertValid(Assert.Single(schemas), sent.Body.ToString(), "the Service Bus message of an event");
    }

    [Fact]
    public void The_CloudEvent_contract_reads_the_events_the_product_writes()
    {
        var written = SubscriberCloudEvents.Encode(Notification);

        var read = JsonSerializer.Deserialize<SubscriberCloudEvent>(written.Span, ServiceOrdersJson.Options)!;

        Assert.Equal("1.0", read.SpecVersion);
        Assert.Equal(Notification.NotificationId, read.Id);
        Assert.Equal("/serviceorders/orders/REQ-1001", read.Source);
        Assert.Equal("com.serviceorders.serviceorder.completed", read.Type);
        Assert.Equal(Notification.ServicePointId, read.Subject);
        Assert.Equal(Notification.At, read.Time);
        Assert.Equal("application/json", read.DataContentType);
        Assert.Equal(Notification, read.Data);
    }
}
