using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Tests.Orchestration;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Duplicates;

/// <summary>
/// Answers that come twice, or after the order stopped waiting for them, on the real engine: the order records each
/// one as an ignored message in its timeline, does not act on it again, and runs to its end.
/// </summary>
public class DuplicateAndLateAnswerTests(EngineHarness harness) : OrchestrationTest(harness)
{
    [Fact]
    public async Task AHeadEndResultDeliveredTwice_IsActedOnOnce_AndTheRepeatIsRecordedAsIgnored()
    {
        // Remote connect, then a remote read: the repeat of the connect's answer reaches the order while it waits for the read.
        var start = await EnableServiceAt(new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)));
        var orderId = start.Request.RequestId;
        Outside.HeadEndScripts[orderId] = command => command.Kind == ActivityKind.RemoteConnect
            ? [FakeOutsideSystems.Succeeded(command), FakeOutsideSystems.Succeeded(command)]
            : [FakeOutsideSystems.Succeeded(command)];

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var connect = Assert.Single(Outside.Commands, c => c.OrderId.Value == orderId && c.Kind == ActivityKind.RemoteConnect);
        var timeline = ProgressOf(instance).Timeline;
        Assert.Single(timeline, t => t.Event == TimelineEvent.Succeeded && t.ActivityId == connect.CommandId.Value);
        var ignored = Assert.Single(timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal(connect.CommandId.Value, ignored.ActivityId);
    }

    [Fact]
    public async Task ACrewCompletionDeliveredTwice_IsActedOnOnce_AndTheRepeatIsRecordedAsIgnored()
    {
        // A manual meter installed, then turned on: the repeat of the installation's completion arrives during the turn-on.
        var start = await OrderAt(new ServicePoint(NewId(), Commodity.Water, Meter: null), RequestType.EnableService,
            shape: r => r with { NewMeter = new MeterFound($"W-{r.ServicePointId}", MeterClass.Manual) });
        var orderId = start.Request.RequestId;
        Outside.FieldScripts[orderId] = dispatch =>
        {
            var completed = FakeOutsideSystems.Completed(dispatch);
            if (dispatch.Kind == ActivityKind.InstallMeter)
            {
                Harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.FieldWorkCompleted, completed, CancellationToken.None).GetAwaiter().GetResult();
            }

            return completed;
        };

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        Assert.Equal([ActivityKind.InstallMeter, ActivityKind.TurnOn], Dispatched(orderId));
        var install = Outside.Dispatches.Single(d => d.OrderId.Value == orderId && d.Kind == ActivityKind.InstallMeter);
        var timeline = ProgressOf(instance).Timeline;
        Assert.Single(timeline, t => t.Event == TimelineEvent.Succeeded && t.ActivityId == install.ActivityId.Value);
        var ignored = Assert.Single(timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal(install.ActivityId.Value, ignored.ActivityId);
    }

    [Fact]
    public async Task ARepeatOfTheLastAnswer_IsRecordedAsIgnored_ThoughNoLaterWaitTakesIt()
    {
        // A manual water meter turned on: one field activity, so no later wait would see the repeat of its completion.
        var start = await OrderAt(
            new ServicePoint(NewId(), Commodity.Water, new Meter(NewId(), MeterClass.Manual, false, SwitchState.Disconnected)),
            RequestType.EnableService);
        var orderId = start.Request.RequestId;
        Outside.FieldScripts[orderId] = dispatch =>
        {
            var completed = FakeOutsideSystems.Completed(dispatch);
            Harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.FieldWorkCompleted, completed, CancellationToken.None).GetAwaiter().GetResult();
            return completed;
        };

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var turnOn = Assert.Single(Outside.Dispatches, d => d.OrderId.Value == orderId);
        var timeline = ProgressOf(instance).Timeline;
        Assert.Single(timeline, t => t.Event == TimelineEvent.Succeeded && t.ActivityId == turnOn.ActivityId.Value);
        var ignored = Assert.Single(timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal(turnOn.ActivityId.Value, ignored.ActivityId);
    }

    [Fact]
    public async Task AnAnswerAfterItsCommandTimedOut_IsRecordedAsIgnored_AndTheRetryDecides()
    {
        var start = await EnableServiceAt(
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)),
            Policy with
            {
                CommandDeadline = TimeSpan.FromSeconds(2),
                Planning = new PlanningPolicy(MaxCommandAttempts: 2) { CommandRetryBackoff = TimeSpan.FromMilliseconds(200) },
            });
        var orderId = start.Request.RequestId;
        string? firstConnect = null;

        // The first connect gets no answer in time. Its answer (a failure) comes only when the retry is sent, so it is
        // late for certain: the first command's deadline has passed and the order has moved on.
        Outside.HeadEndScripts[orderId] = command =>
        {
            if (command.Kind != ActivityKind.RemoteConnect)
            {
                return [FakeOutsideSystems.Succeeded(command)];
            }

            if (firstConnect is null)
            {
                firstConnect = command.CommandId.Value;
                return [];
            }

            return [new HeadEndAnswered(new CommandId(firstConnect), new HeadEndResult(CommandOutcome.Failed, Error: "late")), FakeOutsideSystems.Succeeded(command)];
        };

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var timeline = ProgressOf(instance).Timeline;
        Assert.Single(timeline, t => t.Event == TimelineEvent.TimedOut && t.ActivityId == firstConnect);
        var ignored = Assert.Single(timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal(firstConnect, ignored.ActivityId);
        Assert.DoesNotContain(timeline, t => t.Event == TimelineEvent.Failed);
        Assert.Equal(SwitchState.Connected, (await Harness.Registry.GetAsync(new ServicePointId(start.Request.ServicePointId), CancellationToken.None))!.Meter!.Switch);
    }

    [Fact]
    public async Task ACrewCompletionAfterTheFieldDeadline_IsRecordedAsIgnored_WhenTheCrewIsSentAgain()
    {
        var start = await OrderAt(ManualElectric(SwitchState.Disconnected), RequestType.EnableService,
            Policy with { FieldDeadline = TimeSpan.FromSeconds(2) });
        var orderId = start.Request.RequestId;
        string? firstVisit = null;

        // The first visit is not reported in time; the order goes to exceptions, an operator retries, and the first
        // crew's report arrives together with the second crew's.
        Outside.FieldScripts[orderId] = dispatch =>
        {
            if (firstVisit is null)
            {
                firstVisit = dispatch.ActivityId.Value;
                return null;
            }

            Harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.FieldWorkCompleted,
                new FieldWorkCompleted(new FieldActivityId(firstVisit), new FieldCompletion(CompletionCode.NotDone, "Crew 1", Remarks: "late")), CancellationToken.None).GetAwaiter().GetResult();
            return FakeOutsideSystems.Completed(dispatch);
        };
        Assert.True(await Harness.Engine.StartAsync(new OrderId(orderId), start, CancellationToken.None));

        var stuck = await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);
        Assert.Equal(ReasonCodes.FieldWorkOverdue, stuck.Exception!.ReasonCode);
        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Retry, "op-1"));

        var instance = await Harness.WaitForEndAsync(orderId);
        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var timeline = ProgressOf(instance).Timeline;
        Assert.Single(timeline, t => t.Event == TimelineEvent.TimedOut && t.ActivityId == firstVisit);
        var ignored = Assert.Single(timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal(firstVisit, ignored.ActivityId);
        Assert.DoesNotContain(timeline, t => t.Event == TimelineEvent.NotDone);
    }
}
