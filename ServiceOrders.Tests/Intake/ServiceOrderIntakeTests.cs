using System.Text;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Engine;
using static ServiceOrders.Tests.Intake.IntakeTestData;

namespace ServiceOrders.Tests.Intake;

/// <summary>The intake handler that every transport calls, on the real durable engine; the CIS is a recording fake.</summary>
public class ServiceOrderIntakeTests(EngineHarness harness) : IClassFixture<EngineHarness>
{
    readonly RecordingCisReplies replies = new();

    IOrderEngine Engine => harness.Engine;

    async Task<string> RegisterSmartMeterAsync()
    {
        var servicePointId = NewId("SP");
        await harness.Registry.UpsertAsync(
            new ServicePoint(servicePointId, Commodity.Electric, new Meter(NewId("M"), MeterClass.Smart, true, SwitchState.Connected)),
            CancellationToken.None);
        return servicePointId;
    }

    [Fact]
    public async Task AValidRequest_StartsItsOrder_WhichRunsToTheEnd()
    {
        var requestId = NewId("REQ");
        var intake = NewIntake(harness.Outside);

        var outcome = await intake.HandleAsync(Message(ReadMeterJson(requestId, await RegisterSmartMeterAsync())), Engine, CancellationToken.None);

        Assert.Equal(new IntakeOutcome.Started(requestId), outcome);
        Assert.Equal(IntakeAction.Complete, outcome.Settlement.Action);
        var order = await harness.WaitForEndAsync(requestId);
        Assert.Equal(EngineStatus.Completed, order.Status);
        Assert.Contains(harness.Outside.RepliesTo(requestId), r => r.Kind == CisReplyKind.Completed);
    }

    [Fact]
    public async Task TheSameMessageDeliveredAgain_StartsNothing_AndIsCompleted()
    {
        var requestId = NewId("REQ");
        var message = Message(ReadMeterJson(requestId, await RegisterSmartMeterAsync()));
        var intake = NewIntake(harness.Outside);

        Assert.IsType<IntakeOutcome.Started>(await intake.HandleAsync(message, Engine, CancellationToken.None));
        var again = await intake.HandleAsync(message with { DeliveryCount = 2 }, Engine, CancellationToken.None);

        Assert.Equal(new IntakeOutcome.Duplicate(requestId), again);
        Assert.Equal(IntakeAction.Complete, again.Settlement.Action);
    }

    [Fact]
    public async Task ARequestTheCisSendsAgain_UnderANewMessageId_IsADuplicate()
    {
        var requestId = NewId("REQ");
        var body = ReadMeterJson(requestId, await RegisterSmartMeterAsync());
        var intake = NewIntake(harness.Outside);

        var outcomes = await Task.WhenAll(
            intake.HandleAsync(Message(body), Engine, CancellationToken.None),
            intake.HandleAsync(Message(body), Engine, CancellationToken.None));

        Assert.Single(outcomes, o => o is IntakeOutcome.Started);
        Assert.Single(outcomes, o => o is IntakeOutcome.Duplicate);
    }

    public static TheoryData<string, Func<string, string>, string, string, string> BadRequests => new()
    {
        {
            "malformed JSON",
            id => $$"""{"requestId":"{{id}}","requestType":"ReadMeter","servicePointId":"SP-1","commodity":""",
            IntakeReasons.MalformedRequest, IntakeReasons.MalformedRequest, "commodity"
        },
        {
            "missing fields",
            id => $$"""{"requestId":"{{id}}","requestType":"ReadMeter"}""",
            IntakeReasons.MalformedRequest, ReasonCodes.MissingField, "servicePointId"
        },
        {
            "an unknown request type",
            id => $$"""{"requestId":"{{id}}","requestType":"Teleport","servicePointId":"SP-1","commodity":"Electric"}""",
            IntakeReasons.MalformedRequest, ReasonCodes.InvalidValue, "requestType"
        },
        {
            "an invalid service point id",
            id => $$"""{"requestId":"{{id}}","requestType":"ReadMeter","servicePointId":"SP 42/7","commodity":"Electric"}""",
            IntakeReasons.InvalidRequest, ReasonCodes.InvalidId, "servicePointId"
        },
        {
            "a body over 64 KiB",
            id => $$$"""{"requestId":"{{{id}}}","requestType":"ReadMeter","servicePointId":"SP-1","commodity":"Electric","contact":{"name":"{{{new string('x', RequestBodies.MaxBytes)}}}"}}""",
            IntakeReasons.MessageTooLarge, IntakeReasons.MessageTooLarge, "body"
        },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task ABadRequest_IsRejected_TheCisHearsWhy_AndNoOrderStarts(string what, Func<string, string> body, string reason, string code, string field)
    {
        var requestId = NewId("REQ");
        var intake = NewIntake(replies);

        var outcome = await intake.HandleAsync(Message(body(requestId)), Engine, CancellationToken.None);

        var rejected = Assert.IsType<IntakeOutcome.Rejected>(outcome);
        Assert.True(rejected.Replied, what);
        Assert.Equal(requestId, rejected.RequestId);
        Assert.Contains(rejected.Errors, e => e.Code == code && e.Field == field);
        Assert.Equal(IntakeAction.DeadLetter, outcome.Settlement.Action);
        Assert.Equal(reason, outcome.Settlement.Reason);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Settlement.Description));

        var reply = Assert.Single(replies.Replies);
        Assert.Equal(CisReplyKind.Rejected, reply.Kind);
        Assert.Equal(CisReply.MessageIdFor(requestId, CisReplyKind.Rejected), reply.MessageId);
        Assert.Equal(requestId, reply.RequestId);
        Assert.Equal(rejected.Errors, reply.Errors);
        Assert.Equal(rejected.Errors[0].Code, reply.ReasonCode);
        Assert.Null(await Engine.GetAsync(new OrderId(requestId), CancellationToken.None));
    }

    [Fact]
    public async Task MissingFields_AreAllNamed()
    {
        var outcome = await NewIntake(replies).HandleAsync(Message("""{"requestId":"REQ-MISSING-1"}"""), Engine, CancellationToken.None);

        var rejected = Assert.IsType<IntakeOutcome.Rejected>(outcome);
        Assert.Equal(["requestType", "servicePointId", "commodity"], rejected.Errors.Where(e => e.Code == ReasonCodes.MissingField).Select(e => e.Field));
    }

    [Fact]
    public async Task TheReply_GoesToTheRequestingSystemTheMessageNames()
    {
        var requestId = NewId("REQ");

        await NewIntake(replies).HandleAsync(
            Message($$"""{"requestId":"{{requestId}}","requestType":"Teleport","requestingSystem":"SAP-CIS"}"""), Engine, CancellationToken.None);

        Assert.Equal("SAP-CIS", Assert.Single(replies.Replies).RequestingSystem);
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"requestType\":\"ReadMeter\",\"servicePointId\":\"SP-1\",\"commodity\":\"Electric\"}")]
    [InlineData("{\"requestId\":\"an id with spaces and far too long for any reply to carry it as its correlation id in Service Bus, which allows 128\"}")]
    public async Task AMessageWithoutAReadableRequestId_GetsNoReply_AndIsDeadLetteredWithItsReason(string body)
    {
        var outcome = await NewIntake(replies).HandleAsync(Message(body), Engine, CancellationToken.None);

        var rejected = Assert.IsType<IntakeOutcome.Rejected>(outcome);
        Assert.False(rejected.Replied);
        Assert.Null(rejected.RequestId);
        Assert.Empty(replies.Replies);
        Assert.Equal(IntakeAction.DeadLetter, outcome.Settlement.Action);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Settlement.Reason));
        Assert.False(string.IsNullOrWhiteSpace(outcome.Settlement.Description));
    }

    [Fact]
    public async Task ABinaryBody_IsUnreadable()
    {
        var outcome = await NewIntake(replies).HandleAsync(new IntakeMessage(new byte[] { 0x00, 0xFF, 0x10, 0x80 }, "m-1", 1), Engine, CancellationToken.None);

        Assert.Equal(IntakeReasons.Unreadable, outcome.Settlement.Reason);
        Assert.Empty(replies.Replies);
    }

    [Fact]
    public async Task ABodyWithAByteOrderMark_IsRead()
    {
        var requestId = NewId("REQ");
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ReadMeterJson(requestId, await RegisterSmartMeterAsync()))).ToArray();

        var outcome = await NewIntake(harness.Outside).HandleAsync(new IntakeMessage(body, "m-bom", 1), Engine, CancellationToken.None);

        Assert.Equal(new IntakeOutcome.Started(requestId), outcome);
    }

    [Fact]
    public async Task ABadMessageDeliveredTwice_RepliesTwiceUnderOneMessageId()
    {
        var message = Message("""{"requestId":"REQ-TWICE-1","requestType":"Teleport"}""");
        var intake = NewIntake(replies);

        await intake.HandleAsync(message, Engine, CancellationToken.None);
        await intake.HandleAsync(message with { DeliveryCount = 2 }, Engine, CancellationToken.None);

        Assert.Equal(["REQ-TWICE-1.Rejected"], replies.Replies.Select(r => r.MessageId).Distinct());
    }
}

/// <summary>What the intake does when storage, the engine or the reply channel is unavailable.</summary>
public class ServiceOrderIntakeFailureTests
{
    [Fact]
    public async Task WhenTheEngineIsUnavailable_TheMessageIsDeliveredAgainAfterAPause()
    {
        var engine = new UnavailableEngine();

        var outcome = await NewIntake(new RecordingCisReplies()).HandleAsync(Message(ReadMeterJson("REQ-T-1", "SP-1")), engine, CancellationToken.None);

        var transient = Assert.IsType<IntakeOutcome.Transient>(outcome);
        Assert.Equal("REQ-T-1", transient.RequestId);
        Assert.False(transient.GiveUp);
        Assert.Equal(new IntakeSettlement(IntakeAction.Retry, RetryAfter: TimeSpan.FromMilliseconds(10)), outcome.Settlement);
        Assert.Equal(1, engine.Starts);
    }

    [Fact]
    public async Task ThePauseDoubles_UpToTheLongest()
    {
        var intake = NewIntake(new RecordingCisReplies());
        var pauses = new List<TimeSpan>();
        for (var delivery = 1; delivery <= 4; delivery++)
        {
            pauses.Add((await intake.HandleAsync(Message(ReadMeterJson("REQ-T-2", "SP-1"), delivery), new UnavailableEngine(), CancellationToken.None)).Settlement.RetryAfter);
        }

        Assert.Equal([10, 20, 40, 40], pauses.Select(p => p.TotalMilliseconds));
    }

    [Fact]
    public async Task OnItsLastAllowedDelivery_AFailingMessageIsDeadLetteredWithTheError_NeverRetriedForever()
    {
        var intake = NewIntake(new RecordingCisReplies(), FastRetries(maxDeliveryCount: 3));

        var outcome = await intake.HandleAsync(Message(ReadMeterJson("REQ-T-3", "SP-1"), deliveryCount: 3), new UnavailableEngine(), CancellationToken.None);

        Assert.True(Assert.IsType<IntakeOutcome.Transient>(outcome).GiveUp);
        Assert.Equal(IntakeAction.DeadLetter, outcome.Settlement.Action);
        Assert.Equal(IntakeReasons.TransientFailure, outcome.Settlement.Reason);
        Assert.Contains("The server is busy", outcome.Settlement.Description);
    }

    [Fact]
    public async Task WhenTheRejectionCannotBeSentToTheCis_TheBadMessageIsDeliveredAgain()
    {
        var replies = new RecordingCisReplies { Failure = new Azure.RequestFailedException(503, "Queue unavailable.") };

        var outcome = await NewIntake(replies).HandleAsync(Message("""{"requestId":"REQ-T-4","requestType":"Teleport"}"""), new UnavailableEngine(), CancellationToken.None);

        Assert.Equal(IntakeAction.Retry, outcome.Settlement.Action);
        Assert.Equal("REQ-T-4", outcome.RequestId);
    }

    [Fact]
    public async Task WhenTheHostStops_TheHandlerGivesUpWithoutSettling()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            NewIntake(new RecordingCisReplies()).HandleAsync(Message(ReadMeterJson("REQ-T-5", "SP-1")), new CancelledEngine(), stopping.Token));
    }

    sealed class CancelledEngine : Workflow.Engine.IOrderEngine
    {
        public Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken) => Task.FromCanceled<bool>(cancellationToken);

        public Task<Workflow.Engine.OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken) => Task.FromResult<Workflow.Engine.OrderInstance?>(null);

        public Task<Contracts.Api.EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken) => Task.FromResult<Contracts.Api.EngineStatus?>(null);

        public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
