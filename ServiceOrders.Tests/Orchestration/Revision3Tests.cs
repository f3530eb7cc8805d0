using DurableTask.Core.History;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>
/// Revision 3 of the orchestrator on the real engine: the same orders with fewer durable actions (admission in one
/// activity, reports written by the next activity, deadlines on the deadline board), and revision 2 still as it was.
/// </summary>
public class Revision3Tests(EngineHarness harness) : OrchestrationTest(harness)
{
    static ServicePoint SmartOff() => SmartElectric(SwitchState.Disconnected);

    [Fact]
    public async Task ASmartReconnect_RunsInFourActivities_WithoutATimer_AndTheRegistryHasWhatItDid()
    {
        var point = SmartOff();
        var start = await OrderAt(point, RequestType.ReconnectForPayment);
        var orderId = start.Request.RequestId;

        var instance = await Harness.RunAsync(start);

        Assert.Equal(ServiceOrderStart.Revision3, start.Revision);
        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var history = await Harness.HistoryAsync(orderId);
        Assert.Equal(
            [nameof(WorkflowActivities.AdmitOrder), nameof(WorkflowActivities.SendHeadEndCommandStep), nameof(WorkflowActivities.SendHeadEndCommandStep), nameof(WorkflowActivities.CloseOrder)],
            history.OfType<TaskScheduledEvent>().Select(t => t.Name));
        Assert.DoesNotContain(history, e => e is TimerCreatedEvent);

        // The last command's report reached the registry with the end of the order; both deadlines left the board.
        var registered = await Harness.Registry.GetAsync(new ServicePointId(point.ServicePointId), CancellationToken.None);
        Assert.Equal(SwitchState.Connected, registered!.Meter!.Switch);
        Assert.NotNull(registered.LastReading);
        var commands = Outside.Commands.Where(c => c.OrderId.Value == orderId).Select(c => c.CommandId.Value).ToList();
        Assert.Equal(commands, Harness.Deadlines.Set.Where(d => d.OrderId.Value == orderId).Select(d => d.ActivityId.Value));
        Assert.Equal(commands, Harness.Deadlines.Cleared.Where(d => d.OrderId.Value == orderId).Select(d => d.ActivityId.Value));
        Assert.DoesNotContain(Harness.Deadlines.Passed, d => d.OrderId.Value == orderId);

        // The CIS heard the acknowledgement from admission, and the order list has the order.
        Assert.Equal([CisReplyKind.Acknowledged, CisReplyKind.Completed], Outside.RepliesTo(orderId).Select(r => r.Kind));
    }

    [Fact]
    public async Task AHeadEndsInterimAnswer_TakesTheAnswerRoute_AndIsNotRaisedOnTheOrder()
    {
        var start = await OrderAt(SmartOff(), RequestType.ReconnectForPayment);
        var orderId = start.Request.RequestId;
        Outside.HeadEndScripts[orderId] = command =>
            [new HeadEndAnswered(command.CommandId, new HeadEndResult(CommandOutcome.Accepted)), FakeOutsideSystems.Succeeded(command)];
        Outside.HeadEndRoute = Harness.AnswerRoute;
        OrderInstance instance;
        try
        {
            instance = await Harness.RunAsync(start);
        }
        finally
        {
            Outside.HeadEndRoute = null;
        }

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var raised = (await Harness.HistoryAsync(orderId)).OfType<EventRaisedEvent>().ToList();
        Assert.Equal(2, raised.Count(e => e.Name == OrderEvents.HeadEndAnswered));
        Assert.DoesNotContain(ProgressOf(instance).Timeline, t => t.Event == TimelineEvent.CommandAccepted);
    }

    [Fact]
    public async Task AnAnswerToAStepNotReachedYet_IsKept_AndTakenWhenTheOrderGetsThere()
    {
        // As after a host was lost between sending the read and recording it: the head-end answered the read (step 2)
        // while the order, replayed on another host, still waited for the connect (step 1). When the order sends the
        // read again, the head-end knows the command id and does not answer it twice.
        var start = await OrderAt(SmartOff(), RequestType.ReconnectForPayment);
        var orderId = start.Request.RequestId;
        Outside.HeadEndScripts[orderId] = command => command.CommandId.Value == $"{orderId}.1"
            ? [FakeOutsideSystems.Succeeded(command with { CommandId = new CommandId($"{orderId}.2"), Kind = ActivityKind.ReadScalar }), FakeOutsideSystems.Succeeded(command)]
            : [];

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var timeline = ProgressOf(instance).Timeline;
        Assert.Contains(timeline, t => t.Event == TimelineEvent.EarlyAnswerKept && t.ActivityId == $"{orderId}.2");
        Assert.Contains(timeline, t => t.Event == TimelineEvent.EarlyAnswerTaken && t.ActivityId == $"{orderId}.2");
        Assert.DoesNotContain(timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal(2, Outside.Commands.Count(c => c.OrderId.Value == orderId));
    }

    [Fact]
    public async Task ACrewThatDoesNotAnswer_TimesOutByTheBoardsDeadline_AndAnotherActivitysDeadlineIsIgnored()
    {
        var start = await OrderAt(ManualElectric(SwitchState.Disconnected), RequestType.ReconnectForPayment,
            Policy with { FieldDeadline = TimeSpan.FromSeconds(3) });
        var orderId = start.Request.RequestId;
        Outside.FieldScripts[orderId] = _ => null;

        await StartAsync(start);
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForCrew);
        await RaiseAsync(orderId, OrderEvents.DeadlinePassed, new DeadlinePassed($"{orderId}.99", DateTimeOffset.UtcNow));
        var progress = await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);

        var first = Outside.Dispatches.First(d => d.OrderId.Value == orderId).ActivityId.Value;
        Assert.Contains(progress.Timeline, t => t.Event == TimelineEvent.IgnoredMessage && t.ActivityId == $"{orderId}.99");
        Assert.Contains(progress.Timeline, t => t.Event == TimelineEvent.TimedOut && t.ActivityId == first);
        Assert.Contains(Harness.Deadlines.Passed, d => d.OrderId.Value == orderId && d.ActivityId.Value == first);
        var history = await Harness.HistoryAsync(orderId);
        Assert.Contains(history, e => e is EventRaisedEvent { Name: OrderEvents.DeadlinePassed });

        await RaiseAsync(orderId, OrderEvents.CancelRequested, new CancelRequested("test over", "CIS"));
        await Harness.WaitForEndAsync(orderId);
    }

    [Fact]
    public async Task AnOrderOfRevision2_StillRunsItsOwnActivities_WithTimersForItsDeadlines()
    {
        var start = (await OrderAt(SmartOff(), RequestType.ReconnectForPayment)) with { Revision = ServiceOrderStart.Revision2 };
        var orderId = start.Request.RequestId;

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var history = await Harness.HistoryAsync(orderId);
        Assert.Equal(
            ["LoadServicePoint", "ClaimServicePoint", "SendCisReply", "IndexOrder", "SendHeadEndCommand", "RecordActivityReport", "SendHeadEndCommand", "RecordActivityReport", "CloseOrder"],
            history.OfType<TaskScheduledEvent>().Select(t => t.Name));
        Assert.Equal(2, history.OfType<TimerCreatedEvent>().Count());
        Assert.DoesNotContain(Harness.Deadlines.Set, d => d.OrderId.Value == orderId);
    }
}
