using Moq;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Activities;

/// <summary>The one activity that ends an order from revision 1 on: the same steps, in the same order, as before.</summary>
public class CloseOrderTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    static readonly OrderIndexEntry Index = new("R-1", "SP-1", RequestType.ReconnectForPayment, OrderStatus.Completed, null, At, At);
    static readonly CisReply Reply = new(CisReply.MessageIdFor("R-1", CisReplyKind.Completed), "R-1", "CIS", CisReplyKind.Completed, At, null, "done", null, null, null);
    static readonly SubscriberNotification Completed = new("R-1.Completed", NotificationTypes.OrderCompleted, "R-1", "SP-1", At, OrderOutcome.Completed);

    readonly List<string> steps = [];
    readonly Mock<IOrderIndex> index = new();
    readonly Mock<ICisReplySender> replies = new();
    readonly Mock<ISubscriberNotifier> subscribers = new();
    readonly Mock<IServicePointClaims> claims = new();
    readonly Mock<IServicePointRegistry> registry = new();
    readonly Mock<IDeadlineBoard> board = new();

    public CloseOrderTests()
    {
        index.Setup(i => i.UpsertAsync(Index, It.IsAny<CancellationToken>())).Callback(() => steps.Add("index")).Returns(Task.CompletedTask);
        replies.Setup(r => r.SendAsync(Reply, It.IsAny<CancellationToken>())).Callback(() => steps.Add("reply")).Returns(Task.CompletedTask);
        subscribers.Setup(s => s.PublishAsync(It.Is<IReadOnlyList<SubscriberNotification>>(n => n.Single() == Completed), It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add("notify")).Returns(Task.CompletedTask);
        claims.Setup(c => c.ReleaseAsync(new ServicePointId("SP-1"), new OrderId("R-1"), It.IsAny<CancellationToken>())).Callback(() => steps.Add("release")).Returns(Task.CompletedTask);
    }

    CloseOrder NewActivity() => new(
        new IndexOrder(index.Object), new SendCisReply(replies.Object), new NotifySubscribers(subscribers.Object), new ReleaseServicePoint(claims.Object),
        new SettleSteps(registry.Object, board.Object));

    [Fact]
    public async Task ItIndexesRepliesNotifiesAndReleases_InThatOrder()
    {
        await NewActivity().RunAsync(new CloseOrderInput(Index, Reply, [Completed], new ReleaseServicePointInput(new ServicePointId("SP-1"), new OrderId("R-1"))), CancellationToken.None);

        Assert.Equal(["index", "reply", "notify", "release"], steps);
    }

    [Fact]
    public async Task WithStepsToSettle_ItRecordsTheReportAndClearsTheDeadline_BeforeAnythingElse()
    {
        var report = new ServiceOrders.Domain.Activities.ActivityReport("R-1.2", ServiceOrders.Contracts.Activities.ActivityKind.ReadScalar, ServiceOrders.Domain.Activities.ActivityResult.Succeeded);
        var deadline = new DeadlineEntry(new OrderId("R-1"), new StepId("R-1.2"), At);
        registry.Setup(r => r.ApplyAsync(new ServicePointId("SP-1"), report, It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add("record")).ReturnsAsync(new ServiceOrders.Contracts.ServicePoints.ServicePoint("SP-1", ServiceOrders.Contracts.ServicePoints.Commodity.Electric, null));
        board.Setup(b => b.ClearAsync(new OrderId("R-1"), new StepId("R-1.2"), At, It.IsAny<CancellationToken>())).Callback(() => steps.Add("clear")).Returns(Task.CompletedTask);

        await NewActivity().RunAsync(
            new CloseOrderInput(Index, Reply, [], null) { Settle = new StepSettlement(new ServicePointId("SP-1"), [report], [deadline]) }, CancellationToken.None);

        Assert.Equal(["record", "clear", "index", "reply"], steps);
    }

    [Fact]
    public async Task WithoutNotificationsOrAClaim_ItOnlyIndexesAndReplies()
    {
        await NewActivity().RunAsync(new CloseOrderInput(Index, Reply, [], null), CancellationToken.None);

        Assert.Equal(["index", "reply"], steps);
        subscribers.VerifyNoOtherCalls();
        claims.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task WhenTheReplyFails_NothingAfterItIsDone_AndARetryDoesEveryStep()
    {
        var sends = 0;
        replies.Setup(r => r.SendAsync(Reply, It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add("reply"))
            .Returns(() => ++sends == 1 ? Task.FromException(new InvalidOperationException("queue unavailable")) : Task.CompletedTask);
        var input = new CloseOrderInput(Index, Reply, [Completed], new ReleaseServicePointInput(new ServicePointId("SP-1"), new OrderId("R-1")));

        await Assert.ThrowsAsync<InvalidOperationException>(() => NewActivity().RunAsync(input, CancellationToken.None));
        Assert.Equal(["index", "reply"], steps);
        claims.VerifyNoOtherCalls();

        await NewActivity().RunAsync(input, CancellationToken.None);
        Assert.Equal(["index", "reply", "index", "reply", "notify", "release"], steps);
    }
}
