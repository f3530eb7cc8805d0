using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Activities;

/// <summary>
/// Admission in one activity (revision 3): the same checks and side effects as the four activities it replaces, each
/// only when the one before allows it.
/// </summary>
public class AdmitOrderTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    static readonly ServicePoint Point = new("SP-1", Commodity.Electric, new Meter("SM-1", MeterClass.Smart, true, SwitchState.Disconnected));
    static readonly OpenOrder Me = new(new OrderId("R-2"), RequestType.ReconnectForPayment, At);

    readonly Mock<IServicePointRegistry> registry = new();
    readonly Mock<IServicePointClaims> claims = new();
    readonly Mock<ICisReplySender> replies = new();
    readonly Mock<IOrderIndex> index = new();

    AdmitOrder NewActivity() => new(
        new LoadServicePoint(registry.Object, NullLogger<LoadServicePoint>.Instance),
        new ClaimServicePoint(claims.Object),
        new SendCisReply(replies.Object),
        new IndexOrder(index.Object));

    static AdmitOrderInput Input(Commodity commodity = Commodity.Electric) => new(
        new ServiceOrderRequest("R-2", RequestType.ReconnectForPayment, "SP-1", commodity),
        PlanningPolicy.Default,
        Me,
        new CisReply(CisReply.MessageIdFor("R-2", CisReplyKind.Acknowledged), "R-2", "CIS", CisReplyKind.Acknowledged, At, null, null, null, null, null),
        new OrderIndexEntry("R-2", "SP-1", RequestType.ReconnectForPayment, OrderStatus.Open, null, At, At));

    void Registered(ServicePoint? point) =>
        registry.Setup(r => r.GetAsync(new ServicePointId("SP-1"), It.IsAny<CancellationToken>())).ReturnsAsync(point);

    void OpenOnThePoint(params OpenOrder[] open) =>
        claims.Setup(c => c.ClaimAsync(new ServicePointId("SP-1"), Me, It.IsAny<CancellationToken>())).ReturnsAsync(open);

    [Fact]
    public async Task AFreeServicePoint_IsClaimed_TheCisAcknowledged_AndTheOrderListedOpenWithThePointsMeter()
    {
        Registered(Point);
        OpenOnThePoint(Me with { ClaimedAt = At });

        var admission = await NewActivity().RunAsync(Input(), CancellationToken.None);

        Assert.True(admission.Admitted);
        Assert.Equal(Point, admission.Point);
        Assert.Empty(admission.Errors);
        replies.Verify(r => r.SendAsync(It.Is<CisReply>(c => c.Kind == CisReplyKind.Acknowledged && c.MessageId == "R-2.Acknowledged"), It.IsAny<CancellationToken>()), Times.Once);
        index.Verify(i => i.UpsertAsync(
            It.Is<OrderIndexEntry>(e => e.Status == OrderStatus.Open && e.Commodity == Commodity.Electric && e.MeterClass == MeterClass.Smart), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task AnUnregisteredServicePoint_ClaimsNothingAndSaysNothing()
    {
        Registered(null);

        var admission = await NewActivity().RunAsync(Input(), CancellationToken.None);

        Assert.Equal(new AdmitOrderResult(null, [], [], false), admission with { Errors = [], Open = [] });
        claims.VerifyNoOtherCalls();
        replies.VerifyNoOtherCalls();
        index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ARequestThatBreaksThePreconditions_ReturnsTheirErrors_AndClaimsNothing()
    {
        Registered(Point);

        var admission = await NewActivity().RunAsync(Input(Commodity.Gas), CancellationToken.None);

        Assert.False(admission.Admitted);
        Assert.Contains(admission.Errors, e => e.Code == ReasonCodes.CommodityMismatch);
        claims.VerifyNoOtherCalls();
        replies.VerifyNoOtherCalls();
        index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task AConflictingOrderThatClaimedFirst_KeepsTheOrderFromAdmission_ButItHoldsItsClaim()
    {
        Registered(Point);
        var earlier = new OpenOrder(new OrderId("R-1"), RequestType.CutForNonPayment, At.AddMinutes(-1), At.AddSeconds(-30));
        OpenOnThePoint(earlier, Me with { ClaimedAt = At });

        var admission = await NewActivity().RunAsync(Input(), CancellationToken.None);

        Assert.False(admission.Admitted);
        Assert.Equal([earlier, Me with { ClaimedAt = At }], admission.Open);
        replies.VerifyNoOtherCalls();
        index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ARetry_RepeatsEachSideEffectUnderItsOwnKey()
    {
        Registered(Point);
        OpenOnThePoint(Me with { ClaimedAt = At });
        var activity = NewActivity();

        await activity.RunAsync(Input(), CancellationToken.None);
        await activity.RunAsync(Input(), CancellationToken.None);

        claims.Verify(c => c.ClaimAsync(new ServicePointId("SP-1"), Me, It.IsAny<CancellationToken>()), Times.Exactly(2));
        replies.Verify(r => r.SendAsync(It.Is<CisReply>(c => c.MessageId == "R-2.Acknowledged"), It.IsAny<CancellationToken>()), Times.Exactly(2));
        index.Verify(i => i.UpsertAsync(It.Is<OrderIndexEntry>(e => e.OrderId == "R-2"), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}

/// <summary>Revision 3's command and dispatch steps: settle the earlier steps first, then send, then put the deadline on the board.</summary>
public class StepActivityTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    static readonly ActivityReport Connected = new("R-1.1", ActivityKind.RemoteConnect, ActivityResult.Succeeded, Switch: SwitchState.Connected);
    static readonly StepSettlement Settlement = new(new ServicePointId("SP-1"), [Connected], [new DeadlineEntry(new OrderId("R-1"), new StepId("R-1.1"), At)]);
    static readonly HeadEndCommand Read = new(new CommandId("R-1.2"), new OrderId("R-1"), ActivityKind.ReadScalar, new MeterId("SM-1"), "Reconnect", At.AddMinutes(30));

    readonly List<string> steps = [];
    readonly Mock<IServicePointRegistry> registry = new();
    readonly Mock<IDeadlineBoard> board = new();
    readonly Mock<IHeadEndGateway> headEnd = new();
    readonly Mock<IOrderIndex> index = new();
    readonly Mock<IPartnerCalls> calls = new();

    public StepActivityTests()
    {
        registry.Setup(r => r.ApplyAsync(new ServicePointId("SP-1"), Connected, It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add("record")).ReturnsAsync(new ServicePoint("SP-1", Commodity.Electric, null));
        board.Setup(b => b.ClearAsync(new OrderId("R-1"), new StepId("R-1.1"), At, It.IsAny<CancellationToken>())).Callback(() => steps.Add("clear")).Returns(Task.CompletedTask);
        board.Setup(b => b.SetAsync(It.IsAny<DeadlineEntry>(), It.IsAny<CancellationToken>())).Callback(() => steps.Add("set")).Returns(Task.CompletedTask);
        headEnd.Setup(h => h.SendAsync(Read, It.IsAny<CancellationToken>())).Callback(() => steps.Add("send")).Returns(Task.CompletedTask);
    }

    SendHeadEndCommandStep NewCommandStep() => new(
        new SettleSteps(registry.Object, board.Object), new SendHeadEndCommand(headEnd.Object, new WaitRecorder(index.Object, calls.Object, TimeProvider.System)), board.Object);

    [Fact]
    public async Task ACommandStep_RecordsTheLastReportAndClearsItsDeadline_ThenSends_ThenPutsItsOwnDeadlineOnTheBoard()
    {
        var submission = await NewCommandStep().RunAsync(new HeadEndCommandStep(Read, Settlement), CancellationToken.None);

        Assert.True(submission.Accepted);
        Assert.Equal(["record", "clear", "send", "set"], steps);
        board.Verify(b => b.SetAsync(new DeadlineEntry(new OrderId("R-1"), new StepId("R-1.2"), Read.ExpiresAt), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task ACommandTheHeadEndRefuses_PutsNoDeadlineOnTheBoard()
    {
        headEnd.Setup(h => h.SendAsync(Read, It.IsAny<CancellationToken>())).ThrowsAsync(new CommandRefusedException("unknown meter"));

        var submission = await NewCommandStep().RunAsync(new HeadEndCommandStep(Read, null), CancellationToken.None);

        Assert.False(submission.Accepted);
        board.Verify(b => b.SetAsync(It.IsAny<DeadlineEntry>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ADispatchStep_SettlesFirst_ThenDispatches_ThenPutsTheDueTimeOnTheBoard()
    {
        var fieldWork = new Mock<IFieldWorkGateway>();
        var dispatch = new FieldDispatch(new FieldActivityId("R-1.2"), new OrderId("R-1"), ActivityKind.FieldRead, new ServicePointId("SP-1"), Commodity.Electric, null, null, At.AddDays(3));
        fieldWork.Setup(f => f.DispatchAsync(dispatch, It.IsAny<CancellationToken>())).Callback(() => steps.Add("dispatch")).Returns(Task.CompletedTask);
        var step = new DispatchFieldWorkStep(
            new SettleSteps(registry.Object, board.Object), new DispatchFieldWork(fieldWork.Object, new WaitRecorder(index.Object, calls.Object, TimeProvider.System)), board.Object);

        await step.RunAsync(new FieldDispatchStep(dispatch, Settlement), CancellationToken.None);

        Assert.Equal(["record", "clear", "dispatch", "set"], steps);
        board.Verify(b => b.SetAsync(new DeadlineEntry(new OrderId("R-1"), new StepId("R-1.2"), dispatch.DueBy), It.IsAny<CancellationToken>()));
    }
}
