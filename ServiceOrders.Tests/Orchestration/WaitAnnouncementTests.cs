using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>
/// The CIS and the subscribers hear when an order waits and when it goes on (revision 2): deferred by a rule, scheduled
/// for its service date and rescheduled, in exception, resumed. Each announcement has ids of its own.
/// </summary>
public class WaitAnnouncementTests(EngineHarness harness) : OrchestrationTest(harness)
{
    IReadOnlyList<CisReply> Interim(string orderId, CisReplyKind kind) => Outside.RepliesTo(orderId).Where(r => r.Kind == kind).ToList();

    [Fact]
    public async Task AnOrderForALaterDate_IsScheduled_ThenRescheduled_ThenCompleted()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(30);
        var orderId = await StartAsync(await OrderAt(SmartElectric(SwitchState.Connected), RequestType.ReadMeter,
            shape: r => r with { ReadKind = ReadKind.Scalar, RequestedDate = date }));
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForServiceDate);
        var moved = DateTimeOffset.UtcNow.AddSeconds(1);

        await RaiseAsync(orderId, OrderEvents.OrderUpdated, new OrderUpdated(moved, "CIS"));

        Assert.Equal(OrderOutcome.Completed, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
        var scheduled = Interim(orderId, CisReplyKind.Scheduled);
        Assert.Equal([date, moved], scheduled.Select(r => r.Until!.Value));
        Assert.Equal([$"{orderId}.Scheduled.1", $"{orderId}.Scheduled.2"], scheduled.Select(r => r.MessageId));
        Assert.Contains("Rescheduled", scheduled[1].Detail, StringComparison.Ordinal);
        Assert.Equal(2, Outside.Notifications.Count(n => n.OrderId == orderId && n.Type == NotificationTypes.OrderScheduled));
        Assert.Equal(CisReplyKind.Completed, Outside.RepliesTo(orderId)[^1].Kind);
    }

    [Fact]
    public async Task ACutHeldByARule_IsDeferredOnce_WithTheRuleAndUntilWhen()
    {
        var policy = Policy with { Disconnects = AlwaysOpen with { WeatherRecheck = TimeSpan.FromSeconds(1), MaxDeferral = TimeSpan.FromSeconds(3) } };
        var point = SmartElectric(SwitchState.Connected) with { ServicePointId = $"COLD-{NewId()}" };
        var orderId = await StartAsync(await OrderAt(point, RequestType.CutForNonPayment, policy));

        await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);

        // Rechecked under the same rule every second: the CIS hears it once.
        var deferred = Assert.Single(Interim(orderId, CisReplyKind.Deferred));
        Assert.Equal(DisconnectReasons.WeatherHold, deferred.ReasonCode);
        Assert.NotNull(deferred.Until);
        Assert.Single(Outside.Notifications, n => n.OrderId == orderId && n.Type == NotificationTypes.OrderDeferred);
        var exception = Assert.Single(Interim(orderId, CisReplyKind.Exception));
        Assert.Equal(DisconnectReasons.DisconnectWindowExceeded, exception.ReasonCode);
        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Cancel, "op-4"));
        await Harness.WaitForEndAsync(orderId);
    }

    [Fact]
    public async Task AnExceptionAPersonResolves_IsAnnounced_AndSoIsTheResumption()
    {
        var orderId = await StartAsync(await EnableServiceAt(ManualElectric(SwitchState.Disconnected)));
        var visits = 0;
        Outside.FieldScripts[orderId] = dispatch => Interlocked.Increment(ref visits) == 1
            ? new FieldWorkCompleted(dispatch.ActivityId, new FieldCompletion(CompletionCode.CannotAccess, "Crew 2", Remarks: "Dog in yard"))
            : FakeOutsideSystems.Completed(dispatch);
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);

        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Retry, "op-7"));

        Assert.Equal(OrderOutcome.Completed, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
        Assert.Equal(
            [CisReplyKind.Acknowledged, CisReplyKind.Exception, CisReplyKind.Resumed, CisReplyKind.Completed],
            Outside.RepliesTo(orderId).Select(r => r.Kind));
        Assert.Equal(ReasonCodes.FieldWorkNotDone, Interim(orderId, CisReplyKind.Exception)[0].ReasonCode);
        Assert.Contains(Outside.Notifications, n => n.OrderId == orderId && n.Type == NotificationTypes.OrderResumed);
    }
}
