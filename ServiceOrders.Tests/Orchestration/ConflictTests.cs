using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>Two orders that change one service point never work at the same time.</summary>
public class ConflictTests(EngineHarness harness) : OrchestrationTest(harness)
{
    [Fact]
    public async Task ASecondConflictingOrder_IsRejectedWithTheOrderInTheWay()
    {
        var point = ManualElectric(SwitchState.Disconnected);
        var first = await StartAsync(await EnableServiceAt(point));
        Outside.FieldScripts[first] = _ => null;
        await Harness.WaitForPhaseAsync(first, OrderPhase.WaitingForCrew);

        var second = await StartAsync(await OrderAt(point, RequestType.CutForNonPayment));

        var result = ResultOf(await Harness.WaitForEndAsync(second));
        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(ReasonCodes.ConflictingOrder, result.ReasonCode);
        Assert.Contains(first, result.Detail, StringComparison.Ordinal);
        await RaiseAsync(first, OrderEvents.CancelRequested, new CancelRequested("Test over", "test"));
        await Harness.WaitForEndAsync(first);
    }

    [Fact]
    public async Task AnOrderReceivedEarlier_ThatClaimsAfterALaterOne_IsTheOneRefused()
    {
        // Sent together, the later order can claim the service point first; it then holds it, and the earlier one,
        // which claims next, must not go ahead beside it.
        var point = ManualElectric(SwitchState.Disconnected);
        var holder = await StartAsync(await EnableServiceAt(point));
        Outside.FieldScripts[holder] = _ => null;
        await Harness.WaitForPhaseAsync(holder, OrderPhase.WaitingForCrew);
        var cut = await OrderAt(point, RequestType.CutForNonPayment);

        var earlier = await StartAsync(cut with { ReceivedAt = cut.ReceivedAt - TimeSpan.FromHours(1) });

        var result = ResultOf(await Harness.WaitForEndAsync(earlier));
        Assert.Equal(OrderOutcome.Rejected, result.Outcome);
        Assert.Equal(ReasonCodes.ConflictingOrder, result.ReasonCode);
        Assert.Contains(holder, result.Detail, StringComparison.Ordinal);
        await RaiseAsync(holder, OrderEvents.CancelRequested, new CancelRequested("Test over", "test"));
        await Harness.WaitForEndAsync(holder);
    }

    [Fact]
    public async Task ARead_DoesNotWaitForAnOrderThatChangesTheServicePoint()
    {
        var point = SmartElectric(SwitchState.Disconnected);
        var first = await StartAsync(await EnableServiceAt(point));
        Outside.HeadEndScripts[first] = _ => [];
        await Harness.WaitForPhaseAsync(first, OrderPhase.WaitingForHeadEnd);

        var read = await StartAsync(await OrderAt(point, RequestType.ReadMeter));

        Assert.Equal(OrderOutcome.Completed, ResultOf(await Harness.WaitForEndAsync(read)).Outcome);
        await RaiseAsync(first, OrderEvents.CancelRequested, new CancelRequested("Test over", "test"));
        await Harness.WaitForEndAsync(first);
    }

    [Fact]
    public async Task WithTheWaitPolicy_ASecondOrderStartsOnceTheFirstHasEnded()
    {
        var point = ManualElectric(SwitchState.Disconnected);
        var policy = Policy with { Conflicts = ConflictPolicy.Wait, ConflictRetryInterval = TimeSpan.FromSeconds(1) };
        var first = await StartAsync(await OrderAt(point, RequestType.EnableService, policy));
        FieldDispatch? held = null;
        Outside.FieldScripts[first] = dispatch => { held = dispatch; return null; };
        await Harness.WaitForPhaseAsync(first, OrderPhase.WaitingForCrew);
        var second = await StartAsync(await OrderAt(point, RequestType.CutForNonPayment, policy));
        await Harness.WaitForPhaseAsync(second, OrderPhase.WaitingForConflict);

        await RaiseAsync(first, OrderEvents.FieldWorkCompleted, FakeOutsideSystems.Completed(held!));

        Assert.Equal(OrderOutcome.Completed, ResultOf(await Harness.WaitForEndAsync(first)).Outcome);
        var secondEnd = await Harness.WaitForEndAsync(second);
        Assert.True(ResultOf(secondEnd).Outcome == OrderOutcome.Completed, string.Join("\n", ProgressOf(secondEnd).Timeline));
        Assert.Equal(ActivityKind.CutForNonPayment, Dispatched(second).First());
    }
}
