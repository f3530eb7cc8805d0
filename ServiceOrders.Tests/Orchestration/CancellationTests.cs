using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>The CIS can call an order off at any point; what was done is undone where the request type calls for it.</summary>
public class CancellationTests(EngineHarness harness) : OrchestrationTest(harness)
{
    static readonly CancelRequested Cancel = new("Customer paid at the office", "CIS");

    [Fact]
    public async Task ACutTheCrewHadAlreadyMade_IsReconnectedWhenTheOrderIsCancelled()
    {
        var point = ManualElectric(SwitchState.Connected);
        var orderId = await StartAsync(await OrderAt(point, RequestType.CutForNonPayment));
        Outside.FieldScripts[orderId] = dispatch => dispatch.Kind == ActivityKind.CutForNonPayment ? null : FakeOutsideSystems.Completed(dispatch);
        Outside.CancelScripts[orderId] = cancellation => new FieldWorkCompleted(cancellation.ActivityId,
            new FieldCompletion(CompletionCode.Completed, "Crew 3", Switch: SwitchState.Disconnected, Remarks: "Already cut"));
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForCrew);

        await RaiseAsync(orderId, OrderEvents.CancelRequested, Cancel);

        var instance = await Harness.WaitForEndAsync(orderId);
        Assert.Equal(OrderOutcome.Cancelled, ResultOf(instance).Outcome);
        Assert.Equal([ActivityKind.CutForNonPayment, ActivityKind.Reconnect], Dispatched(orderId));
        Assert.Single(Outside.Cancellations, c => c.OrderId.Value == orderId);
        Assert.True((await Harness.Registry.GetAsync(new ServicePointId(point.ServicePointId), CancellationToken.None))!.IsOn);
        var reply = Outside.RepliesTo(orderId)[^1];
        Assert.Equal(CisReplyKind.Cancelled, reply.Kind);
        Assert.Contains(Cancel.Reason, reply.Detail, StringComparison.Ordinal);
        Assert.Contains(ProgressOf(instance).Timeline, t => t.Event == TimelineEvent.CancelSent);
    }

    [Fact]
    public async Task WorkCalledOffBeforeTheCrewActed_EndsTheOrderWithNothingToUndo()
    {
        var point = ManualElectric(SwitchState.Connected);
        var orderId = await StartAsync(await OrderAt(point, RequestType.CutForNonPayment));
        Outside.FieldScripts[orderId] = _ => null;
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForCrew);

        await RaiseAsync(orderId, OrderEvents.CancelRequested, Cancel);

        Assert.Equal(OrderOutcome.Cancelled, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
        Assert.Equal([ActivityKind.CutForNonPayment], Dispatched(orderId));
        Assert.True((await Harness.Registry.GetAsync(new ServicePointId(point.ServicePointId), CancellationToken.None))!.IsOn);
    }

    [Fact]
    public async Task AnOrderWaitingForItsServiceDate_IsCancelledWithoutAnyWork()
    {
        var start = await OrderAt(SmartElectric(SwitchState.Disconnected), RequestType.EnableService,
            shape: r => r with { RequestedDate = DateTimeOffset.UtcNow.AddHours(1) });
        var orderId = await StartAsync(start);
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForServiceDate);

        await RaiseAsync(orderId, OrderEvents.CancelRequested, Cancel);

        Assert.Equal(OrderOutcome.Cancelled, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
        Assert.Empty(Commanded(orderId));
        Assert.Empty(Dispatched(orderId));
    }

    [Fact]
    public async Task AServiceDateCanBeMovedWhileTheOrderWaitsForIt()
    {
        var start = await OrderAt(SmartElectric(SwitchState.Disconnected), RequestType.EnableService,
            shape: r => r with { RequestedDate = DateTimeOffset.UtcNow.AddDays(10) });
        var orderId = await StartAsync(start);
        var waiting = await Harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForServiceDate);
        Assert.Equal(start.Request.RequestedDate, waiting.WaitingUntil);

        await RaiseAsync(orderId, OrderEvents.OrderUpdated, new OrderUpdated(DateTimeOffset.UtcNow.AddSeconds(2), "CIS"));

        var instance = await Harness.WaitForEndAsync(orderId);
        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        Assert.Contains(ProgressOf(instance).Timeline, t => t.Event == TimelineEvent.Rescheduled);
        Assert.Equal([ActivityKind.RemoteConnect, ActivityKind.ReadScalar], Commanded(orderId));
    }
}
