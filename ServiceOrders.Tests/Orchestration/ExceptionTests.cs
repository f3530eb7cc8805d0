using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>Orders nothing can move wait for a person, who can retry, skip, record the work as done, or cancel.</summary>
public class ExceptionTests(EngineHarness harness) : OrchestrationTest(harness)
{
    [Fact]
    public async Task ACutForACustomerOnLifeSupport_WaitsInExceptionUntilAnOperatorCancelsIt()
    {
        var start = await OrderAt(SmartElectric(SwitchState.Connected), RequestType.CutForNonPayment,
            shape: r => r with { Account = new AccountFlags(LifeSupport: true) });
        var orderId = await StartAsync(start);

        var stuck = await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);
        Assert.Equal(DisconnectReasons.LifeSupport, stuck.Exception!.ReasonCode);
        Assert.Contains(await Harness.Exceptions.ListAsync(CancellationToken.None), e => e.OrderId == orderId && e.ReasonCode == DisconnectReasons.LifeSupport);
        Assert.Contains(Outside.Notifications, n => n.OrderId == orderId && n.Type == NotificationTypes.OrderException);

        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Cancel, "op-1", "Medical certificate on file"));

        Assert.Equal(OrderOutcome.Cancelled, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
        Assert.Empty(Commanded(orderId));
        Assert.DoesNotContain(await Harness.Exceptions.ListAsync(CancellationToken.None), e => e.OrderId == orderId);
    }

    [Fact]
    public async Task WorkAnOperatorRecordsAsDone_CountsWithWhatTheOperatorFound()
    {
        var point = ManualElectric(SwitchState.Disconnected);
        var orderId = await StartAsync(await EnableServiceAt(point));
        Outside.FieldScripts[orderId] = dispatch => new FieldWorkCompleted(dispatch.ActivityId, new FieldCompletion(CompletionCode.NotDone, "Crew 4"));
        await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);

        var found = new FieldCompletion(CompletionCode.Completed, "Supervisor", Switch: SwitchState.Connected,
            Readings: [new Reading("1.8.0", 777m, "kWh", DateTimeOffset.UtcNow)]);
        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.RecordDone, "op-2", "Turned on by the supervisor", found));

        var result = ResultOf(await Harness.WaitForEndAsync(orderId));
        Assert.Equal(OrderOutcome.Completed, result.Outcome);
        Assert.Equal([777m], result.Readings.Select(r => r.Value));
        Assert.True((await Harness.Registry.GetAsync(new ServicePointId(point.ServicePointId), CancellationToken.None))!.IsOn);
        Assert.Single(Dispatched(orderId));
    }

    [Fact]
    public async Task ASkippedCommand_LetsTheOrderGoOn()
    {
        var point = SmartElectric(SwitchState.Disconnected);
        var start = await EnableServiceAt(point, Policy with { Planning = Policy.Planning with { MaxCommandAttempts = 1 } });
        var orderId = await StartAsync(start);
        Outside.HeadEndScripts[orderId] = command => command.Kind == ActivityKind.ReadScalar
            ? [new HeadEndAnswered(command.CommandId, new HeadEndResult(CommandOutcome.Failed, Error: "Register busy"))]
            : [FakeOutsideSystems.Succeeded(command)];
        Outside.FieldScripts[orderId] = dispatch => new FieldWorkCompleted(dispatch.ActivityId, new FieldCompletion(CompletionCode.CannotAccess, "Crew 5"));
        var stuck = await Harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);
        Assert.Equal(ActivityKind.FieldRead, stuck.Exception!.StuckActivity);

        await RaiseAsync(orderId, OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Skip, "op-3", "Read at the next cycle"));

        Assert.Equal(OrderOutcome.Completed, ResultOf(await Harness.WaitForEndAsync(orderId)).Outcome);
    }
}
