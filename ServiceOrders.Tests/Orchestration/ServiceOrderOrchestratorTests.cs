using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>The orchestrator on the real durable engine and registry; only the outside systems are fakes.</summary>
public class ServiceOrderOrchestratorTests(EngineHarness harness) : OrchestrationTest(harness)
{
    [Fact]
    public async Task EnableService_WhenNoMeterIsInstalled_InstallsActivatesConnectsReadsAndReplies()
    {
        var point = new ServicePoint(NewId(), Commodity.Electric, Meter: null);
        var start = await EnableServiceAt(point);
        var orderId = start.Request.RequestId;

        var result = ResultOf(await Harness.RunAsync(start));

        Assert.Equal(OrderOutcome.Completed, result.Outcome);
        Assert.Equal([ActivityKind.InstallMeter], Outside.Dispatches.Where(d => d.OrderId.Value == orderId).Select(d => d.Kind));
        Assert.Equal(
            [ActivityKind.ActivateDevice, ActivityKind.RemoteConnect, ActivityKind.ReadScalar],
            Outside.Commands.Where(c => c.OrderId.Value == orderId).Select(c => c.Kind));
        Assert.Equal(["NewCustomer"], Outside.Commands.Where(c => c.OrderId.Value == orderId).Select(c => c.ReasonCode).Distinct());

        var registered = await Harness.Registry.GetAsync(new ServicePointId(point.ServicePointId), CancellationToken.None);
        Assert.Equal(new Meter($"SM-{point.ServicePointId}", MeterClass.Smart, true, SwitchState.Connected), registered!.Meter);
        Assert.Equal(4321.5m, registered.LastReading!.Value);

        var replies = Outside.RepliesTo(orderId);
        Assert.Equal([CisReplyKind.Acknowledged, CisReplyKind.Completed], replies.Select(r => r.Kind));
        Assert.Equal(registered, replies[1].FinalState);
        Assert.Equal([4321.5m], replies[1].Readings!.Select(r => r.Value));

        var notifications = Outside.Notifications.Where(n => n.OrderId == orderId).Select(n => n.Type).Order();
        Assert.Equal([NotificationTypes.OrderCompleted, NotificationTypes.ServicePointChanged], notifications);
    }

    [Fact]
    public async Task TheTimeline_ShowsEveryActivityWithItsId()
    {
        var start = await EnableServiceAt(new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)));
        var orderId = start.Request.RequestId;

        var progress = ProgressOf(await Harness.RunAsync(start));

        Assert.Equal(OrderPhase.Ended, progress.Phase);
        Assert.Equal(
            [TimelineEvent.Received, TimelineEvent.Acknowledged, TimelineEvent.CommandSent, TimelineEvent.Succeeded,
             TimelineEvent.CommandSent, TimelineEvent.Succeeded, TimelineEvent.GoalReached, TimelineEvent.Replied],
            progress.Timeline.Select(t => t.Event));
        Assert.Equal([$"{orderId}.1", $"{orderId}.2"], progress.Timeline.Where(t => t.Event == TimelineEvent.Succeeded).Select(t => t.ActivityId));
    }

    [Fact]
    public async Task AServicePointNotInTheRegistry_IsRejectedWithItsReason()
    {
        var request = new ServiceOrderRequest(NewId(), RequestType.EnableService, NewId(), Commodity.Electric);

        var result = ResultOf(await Harness.RunAsync(ServiceOrderStart.New(request, Policy, DateTimeOffset.UtcNow)));

        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(ReasonCodes.UnknownServicePoint, result.ReasonCode);
        var reply = Assert.Single(Outside.RepliesTo(request.RequestId));
        Assert.Equal(CisReplyKind.Rejected, reply.Kind);
        Assert.Equal(ReasonCodes.UnknownServicePoint, reply.ReasonCode);
        Assert.DoesNotContain(Outside.Dispatches, d => d.OrderId.Value == request.RequestId);
    }

    [Fact]
    public async Task ACommandThatGetsNoAnswer_IsRetriedWithBackOffThenSentToACrew()
    {
        var start = await EnableServiceAt(
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)),
            Policy with
            {
                CommandDeadline = TimeSpan.FromSeconds(2),
                Planning = new PlanningPolicy(MaxCommandAttempts: 2) { CommandRetryBackoff = TimeSpan.FromMilliseconds(500) },
            });
        var orderId = start.Request.RequestId;
        Outside.HeadEndScripts[orderId] = command => command.Kind == ActivityKind.RemoteConnect ? [] : [FakeOutsideSystems.Succeeded(command)];

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        Assert.Equal(2, Outside.Commands.Count(c => c.OrderId.Value == orderId && c.Kind == ActivityKind.RemoteConnect));
        Assert.Equal([ActivityKind.TurnOn], Outside.Dispatches.Where(d => d.OrderId.Value == orderId).Select(d => d.Kind));
        var timeline = ProgressOf(instance).Timeline;
        Assert.Single(timeline, t => t.Event == TimelineEvent.RetryScheduled);
        Assert.Equal(2, timeline.Count(t => t.Event == TimelineEvent.TimedOut));
    }

    [Fact]
    public async Task AnInterimAcceptance_KeepsTheOrderWaitingForTheFinalAnswer()
    {
        var start = await EnableServiceAt(new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)));
        Outside.HeadEndScripts[start.Request.RequestId] = command =>
            [new HeadEndAnswered(command.CommandId, new HeadEndResult(CommandOutcome.Accepted)), FakeOutsideSystems.Succeeded(command)];

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        Assert.Equal(2, ProgressOf(instance).Timeline.Count(t => t.Event == TimelineEvent.CommandAccepted));
    }

    [Fact]
    public async Task AnAnswerForAnotherActivity_IsIgnoredAndRecorded()
    {
        var start = await EnableServiceAt(new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)));
        var orderId = start.Request.RequestId;
        // While the read (step 2) waits, a late answer for the connect (step 1) comes again, now saying it failed.
        Outside.HeadEndScripts[orderId] = command =>
            command.Kind == ActivityKind.RemoteConnect
                ? [FakeOutsideSystems.Succeeded(command)]
                : [new HeadEndAnswered(new CommandId($"{orderId}.1"), new HeadEndResult(CommandOutcome.Failed, Error: "stray")), FakeOutsideSystems.Succeeded(command)];

        var instance = await Harness.RunAsync(start);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var ignored = Assert.Single(ProgressOf(instance).Timeline, t => t.Event == TimelineEvent.IgnoredMessage);
        Assert.Equal($"{orderId}.1", ignored.ActivityId);
    }

    [Fact]
    public async Task ACrewThatCannotGetIn_PutsTheOrderInExceptionUntilAnOperatorRetries()
    {
        var start = await EnableServiceAt(new ServicePoint(NewId(), Commodity.Water, new Meter(NewId(), MeterClass.Manual, false, SwitchState.Disconnected)));
        var orderId = start.Request.RequestId;
        var visits = 0;
        Outside.FieldScripts[orderId] = dispatch => Interlocked.Increment(ref visits) == 1
            ? new FieldWorkCompleted(dispatch.ActivityId, new FieldCompletion(CompletionCode.CannotAccess, "Crew 2", Remarks: "Dog in yard"))
            : FakeOutsideSystems.Completed(dispatch);
        Assert.True(await Harness.Engine.StartAsync(new OrderId(orderId), start, CancellationToken.None));

        var stuck = await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);
        Assert.Equal(ReasonCodes.FieldWorkNotDone, stuck.Exception!.ReasonCode);
        Assert.Contains("Dog in yard", stuck.Exception.Detail, StringComparison.Ordinal);
        Assert.Contains(await Harness.Exceptions.ListAsync(CancellationToken.None), e => e.OrderId == orderId);

        await Harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Retry, "op-7"), CancellationToken.None);

        Assert.Equal(OrderOutcome.Completed, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
        Assert.Equal(2, visits);
        Assert.DoesNotContain(await Harness.Exceptions.ListAsync(CancellationToken.None), e => e.OrderId == orderId);
    }

    [Fact]
    public async Task TheSameOrderId_NeverStartsASecondOrder()
    {
        var start = await EnableServiceAt(new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Connected)));
        var orderId = start.Request.RequestId;

        await Harness.RunAsync(start);
        var again = await Harness.Engine.StartAsync(new OrderId(orderId), start, CancellationToken.None);

        Assert.False(again);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(2, Outside.RepliesTo(orderId).Count);
        Assert.Single(Outside.Commands, c => c.OrderId.Value == orderId);
    }

    [Fact]
    public async Task AnActivityThatKeepsThrowing_FailsTheOrderAndTellsTheCis()
    {
        var start = await EnableServiceAt(
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)),
            Policy with { Retry = new ActivityRetry(2, TimeSpan.FromMilliseconds(200)) });
        Outside.UnreachableHeadEnd[start.Request.RequestId] = true;

        var result = ResultOf(await Harness.RunAsync(start));

        Assert.Equal(OrderOutcome.Failed, result.Outcome);
        Assert.Equal(ReasonCodes.ActivityError, result.ReasonCode);
        Assert.Contains("SendHeadEndCommand", result.Detail, StringComparison.Ordinal);
        var reply = Outside.RepliesTo(start.Request.RequestId)[^1];
        Assert.Equal(CisReplyKind.Failed, reply.Kind);
        Assert.Equal(ReasonCodes.ActivityError, reply.ReasonCode);
    }

    [Fact]
    public async Task FieldWork_CarriesWhoToMeetOnSiteAndWhetherItIsAnEmergency()
    {
        var contact = new Contact("Dana Whitfield", "+1 555 0100", "12 Elm Street");
        var start = await OrderAt(ManualElectric(SwitchState.Disconnected), RequestType.EnableService,
            shape: r => r with { Contact = contact, Emergency = true });

        await Harness.RunAsync(start);

        var dispatch = Assert.Single(Outside.Dispatches, d => d.OrderId.Value == start.Request.RequestId);
        Assert.Equal(contact, dispatch.Contact);
        Assert.True(dispatch.Emergency);
    }
}
