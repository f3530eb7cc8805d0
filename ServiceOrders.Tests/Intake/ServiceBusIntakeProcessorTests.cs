using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Host.Intake;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Engine;
using static ServiceOrders.Tests.Intake.IntakeTestData;

namespace ServiceOrders.Tests.Intake;

/// <summary>
/// The standalone host's Service Bus intake: messages made by the SDK's model factory, settled through a receiver
/// that records what it is asked to do, orders started on the real engine.
/// </summary>
public class ServiceBusIntakeProcessorTests(EngineHarness harness) : IClassFixture<EngineHarness>
{
    readonly RecordingCisReplies replies = new();

    readonly Mock<ServiceBusReceiver> receiver = new();

    ServiceBusIntakeProcessor NewProcessor(IOrderEngine engine) => new(
        new ServiceBusClient("Endpoint=sb://intake-tests.servicebus.windows.net/;SharedAccessKeyName=test;SharedAccessKey=dGVzdA=="),
        Options.Create(new ServiceBusMessagingOptions()),
        Options.Create(FastRetries(maxDeliveryCount: 3)),
        NewIntake(replies, FastRetries(maxDeliveryCount: 3)),
        engine,
        NullLogger<ServiceBusIntakeProcessor>.Instance);

    static ServiceBusReceivedMessage Received(string body, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString(body),
            messageId: Guid.NewGuid().ToString("N"),
            deliveryCount: deliveryCount,
            lockTokenGuid: Guid.NewGuid());

    async Task ProcessAsync(ServiceBusReceivedMessage message, IOrderEngine? engine = null) =>
        await NewProcessor(engine ?? harness.Engine).ProcessAsync(new ProcessMessageEventArgs(message, receiver.Object, CancellationToken.None));

    /// <summary>The settlement calls the receiver got, by name, with their string arguments.</summary>
    IReadOnlyList<(string Method, string?[] Texts)> Settlements() =>
        receiver.Invocations
            .Where(i => i.Method.Name is "CompleteMessageAsync" or "DeadLetterMessageAsync" or "AbandonMessageAsync" or "DeferMessageAsync")
            .Select(i => (i.Method.Name, i.Arguments.OfType<string>().Cast<string?>().ToArray()))
            .ToList();

    [Fact]
    public async Task AValidRequest_StartsItsOrder_AndIsCompleted()
    {
        var servicePointId = NewId("SP");
        await harness.Registry.UpsertAsync(
            new ServicePoint(servicePointId, Commodity.Electric, new Meter(NewId("M"), MeterClass.Smart, true, SwitchState.Connected)),
            CancellationToken.None);
        var requestId = NewId("REQ");

        await ProcessAsync(Received(ReadMeterJson(requestId, servicePointId)));

        Assert.Equal(["CompleteMessageAsync"], Settlements().Select(s => s.Method));
        Assert.Equal(EngineStatus.Completed, (await harness.WaitForEndAsync(requestId)).Status);
    }

    [Fact]
    public async Task ARedeliveredRequest_IsCompletedWithoutASecondOrder()
    {
        var requestId = NewId("REQ");
        var body = ReadMeterJson(requestId, NewId("SP"));

        await ProcessAsync(Received(body));
        await ProcessAsync(Received(body, deliveryCount: 2));

        Assert.Equal(["CompleteMessageAsync", "CompleteMessageAsync"], Settlements().Select(s => s.Method));
    }

    [Fact]
    public async Task ABadRequest_IsDeadLetteredWithReasonAndDescription_AfterTheCisIsTold()
    {
        var requestId = NewId("REQ");

        await ProcessAsync(Received($$"""{"requestId":"{{requestId}}","requestType":"ReadMeter","servicePointId":"bad id","commodity":"Electric"}"""));

        var (method, texts) = Assert.Single(Settlements());
        Assert.Equal("DeadLetterMessageAsync", method);
        Assert.Contains(IntakeReasons.InvalidRequest, texts);
        Assert.Contains(texts, t => t?.Contains("servicePointId", StringComparison.Ordinal) == true);
        Assert.Equal(CisReplyKind.Rejected, Assert.Single(replies.Replies).Kind);
        Assert.Null(await harness.Engine.GetAsync(new OrderId(requestId), CancellationToken.None));
    }

    [Fact]
    public async Task AnUnreadableMessage_IsDeadLetteredWithoutAReply()
    {
        await ProcessAsync(Received("<order>not JSON</order>"));

        var (method, texts) = Assert.Single(Settlements());
        Assert.Equal("DeadLetterMessageAsync", method);
        Assert.Contains(IntakeReasons.Unreadable, texts);
        Assert.Empty(replies.Replies);
    }

    [Fact]
    public async Task WhenTheEngineIsUnavailable_TheMessageIsAbandoned_UntilItsLastDeliveryDeadLettersIt()
    {
        var engine = new UnavailableEngine();
        var body = ReadMeterJson(NewId("REQ"), "SP-1");

        await ProcessAsync(Received(body, deliveryCount: 1), engine);
        await ProcessAsync(Received(body, deliveryCount: 2), engine);
        await ProcessAsync(Received(body, deliveryCount: 3), engine);

        var settlements = Settlements();
        Assert.Equal(["AbandonMessageAsync", "AbandonMessageAsync", "DeadLetterMessageAsync"], settlements.Select(s => s.Method));
        Assert.Contains(IntakeReasons.TransientFailure, settlements[2].Texts);
    }
}
