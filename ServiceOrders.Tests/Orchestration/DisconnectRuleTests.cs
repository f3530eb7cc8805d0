using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>Cuts wait durably for an allowed window, give up after the longest deferral, and are paced per head-end.</summary>
public class DisconnectRuleTests(EngineHarness harness) : OrchestrationTest(harness)
{
    [Fact]
    public async Task ACutBeforeTheWindowOpens_WaitsForItAndThenDisconnects()
    {
        // A time zone where it is around noon now, and a window that opens a few seconds from now.
        var offset = 12 - DateTime.UtcNow.Hour;
        var zone = offset == 0 ? "Etc/GMT" : $"Etc/GMT{(offset > 0 ? "-" : "+")}{Math.Abs(offset)}";
        var opensAtUtc = DateTime.UtcNow.AddSeconds(5);
        var opens = TimeOnly.FromDateTime(opensAtUtc.AddHours(offset));
        var policy = Policy with { Disconnects = AlwaysOpen with { TimeZoneId = zone, WindowStart = opens, Cutoff = new TimeOnly(23, 0) } };
        var orderId = await StartAsync(await OrderAt(SmartElectric(SwitchState.Connected), RequestType.CutForNonPayment, policy));

        var instance = await Harness.WaitForEndAsync(orderId);

        Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
        var deferred = Assert.Single(ProgressOf(instance).Timeline, t => t.Event == TimelineEvent.Deferred);
        Assert.StartsWith(DisconnectReasons.BeforeWindow, deferred.Detail, StringComparison.Ordinal);
        var sent = Assert.Single(ProgressOf(instance).Timeline, t => t.Event == TimelineEvent.CommandSent && t.Kind == ActivityKind.RemoteDisconnect);
        // The cut waits for the window itself, however late on a loaded machine the order was deferred.
        Assert.True(sent.At >= new DateTimeOffset(opensAtUtc, TimeSpan.Zero).AddMilliseconds(-50), $"Disconnect sent at {sent.At:O}, window opened at {opensAtUtc:O}");
        Assert.True(deferred.At < sent.At, $"Disconnect sent at {sent.At:O}, deferred at {deferred.At:O}");
    }

    [Fact]
    public async Task AColdSnapHoldsTheCut_UntilTheLongestDeferralSendsItToExceptions()
    {
        var policy = Policy with { Disconnects = AlwaysOpen with { WeatherRecheck = TimeSpan.FromSeconds(1), MaxDeferral = TimeSpan.FromSeconds(3) } };
        var point = SmartElectric(SwitchState.Connected) with { ServicePointId = $"COLD-{NewId()}" };
        var orderId = await StartAsync(await OrderAt(point, RequestType.CutForNonPayment, policy));

        var stuck = await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);

        Assert.Equal(DisconnectReasons.DisconnectWindowExceeded, stuck.Exception!.ReasonCode);
        Assert.Contains(stuck.Timeline, t => t.Event == TimelineEvent.Deferred && t.Detail!.StartsWith(DisconnectReasons.WeatherHold, StringComparison.Ordinal));
        Assert.Empty(Commanded(orderId));
        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Cancel, "op-4"));
        Assert.Equal(OrderOutcome.Cancelled, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
    }

    [Fact]
    public async Task DisconnectsToOneHeadEnd_AreStaggered()
    {
        var headEnd = NewId();
        var policy = Policy with { DisconnectSpacing = TimeSpan.FromSeconds(2) };
        ServicePoint OnHeadEnd() => SmartElectric(SwitchState.Connected) is var p ? p with { Meter = p.Meter! with { HeadEndId = headEnd } } : null!;
        var first = await StartAsync(await OrderAt(OnHeadEnd(), RequestType.CutForNonPayment, policy));
        var second = await StartAsync(await OrderAt(OnHeadEnd(), RequestType.CutForNonPayment, policy));

        var sent = new List<DateTimeOffset>();
        foreach (var orderId in new[] { first, second })
        {
            var instance = await Harness.WaitForEndAsync(orderId);
            Assert.Equal(OrderOutcome.Completed, ResultOf(instance).Outcome);
            // When the head-end got the command: the send activity's own bookkeeping after the send does not count.
            var command = ProgressOf(instance).Timeline.Single(t => t.Event == TimelineEvent.CommandSent && t.Kind == ActivityKind.RemoteDisconnect).ActivityId!;
            sent.Add(Outside.CommandReceivedAt[command]);
        }

        var gap = (sent.Max() - sent.Min()).TotalSeconds;
        Assert.True(gap >= 1.9, $"Disconnects {gap:0.00} s apart");
    }
}
