using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Moq;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Tests.Adapters.ServiceBus;

/// <summary>CIS replies on Service Bus, captured from a mocked sender and read back as the CIS would receive them.</summary>
public class ServiceBusCisReplySenderTests
{
    readonly List<ServiceBusMessage> sent = [];

    readonly Mock<ServiceBusSender> sender = new();

    public ServiceBusCisReplySenderTests() =>
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ServiceBusMessage message, CancellationToken _) => sent.Add(message))
            .Returns(Task.CompletedTask);

    static readonly CisReply Completed = new(
        CisReply.MessageIdFor("REQ-1001", CisReplyKind.Completed),
        "REQ-1001",
        "CIS-EAST",
        CisReplyKind.Completed,
        new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero),
        FinalState: new ServicePoint("SP-42", Commodity.Electric, new Meter("SM-9001", MeterClass.Smart, true, SwitchState.Connected)),
        Readings: [new("1.8.0", 1234.5m, "kWh", new DateTimeOffset(2026, 11, 26, 9, 29, 0, TimeSpan.Zero))]);

    [Fact]
    public async Task AReply_CarriesItsMessageIdForDuplicateDetection_AndTheRequestIdAsCorrelation()
    {
        await new ServiceBusCisReplySender(sender.Object).SendAsync(Completed, CancellationToken.None);

        var message = Assert.Single(sent);
        Assert.Equal("REQ-1001.Completed", message.MessageId);
        Assert.Equal("REQ-1001", message.CorrelationId);
        Assert.Equal("Completed", message.Subject);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("CIS-EAST", message.ApplicationProperties["requestingSystem"]);
        Assert.Equal("Completed", message.ApplicationProperties["kind"]);
    }

    [Fact]
    public async Task TheCis_ReadsTheReplyBackWithTheFinalStateAndReadings()
    {
        await new ServiceBusCisReplySender(sender.Object).SendAsync(Completed, CancellationToken.None);
        var message = Assert.Single(sent);

        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: message.Body,
            messageId: message.MessageId,
            correlationId: message.CorrelationId,
            subject: message.Subject,
            contentType: message.ContentType,
            properties: message.ApplicationProperties);
        var reply = JsonSerializer.Deserialize<CisReply>(received.Body.ToString(), ServiceOrdersJson.Options);

        Assert.Equal(Completed.FinalState, reply!.FinalState);
        Assert.Equal(Completed.Readings, reply.Readings);
        Assert.Equal(Completed with { FinalState = reply.FinalState, Readings = reply.Readings }, reply);
        Assert.Equal(received.CorrelationId, reply.RequestId);
    }

    [Fact]
    public async Task ARejection_CarriesItsReasons()
    {
        var rejected = new CisReply(
            CisReply.MessageIdFor("REQ-7", CisReplyKind.Rejected), "REQ-7", "CIS", CisReplyKind.Rejected, DateTimeOffset.UnixEpoch,
            ReasonCodes.InvalidId, "servicePointId must be 1 to 64 letters.", [new(ReasonCodes.InvalidId, "servicePointId", "servicePointId must be 1 to 64 letters.")]);

        await new ServiceBusCisReplySender(sender.Object).SendAsync(rejected, CancellationToken.None);

        var reply = JsonSerializer.Deserialize<CisReply>(Assert.Single(sent).Body.ToString(), ServiceOrdersJson.Options)!;
        Assert.Equal("Rejected", sent[0].Subject);
        Assert.Equal(rejected.Errors, reply.Errors);
        Assert.Equal(ReasonCodes.InvalidId, reply.ReasonCode);
    }
}
