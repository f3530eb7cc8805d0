using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>
/// What happens after an operator acts on an order in the exception queue: a retry forgives earlier failures and
/// proposes again; a skip or record-done counts the activity as done, and the order moves on.
/// </summary>
public class OperatorActionTests
{
    [Fact]
    public void AfterARetry_TheCrewIsSentAgain()
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.TurnOff, ActivityResult.NotDone));
        Assert.IsType<CannotProceed>(order.Run());

        Assert.IsType<GoalReached>(order.Retry().Run());

        Assert.Equal([ActivityKind.TurnOff, ActivityKind.TurnOff], order.Kinds);
    }

    [Fact]
    public void AfterARetry_AnExhaustedCommandGetsItsTriesBack()
    {
        // The new meter is smart and no crew can commission it: when the head-end cannot either, a person must act.
        var world = new FakeWorld().Answers(ActivityKind.ActivateDevice, ActivityResult.Failed, times: 3);
        var order = Given.Order(RequestType.ExchangeMeter, Given.Point(MeterClass.Manual, switchState: SwitchState.Disconnected), world);
        Assert.Equal(ReasonCodes.CommandExhausted, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);

        var next = Assert.IsType<PerformActivity>(order.Retry().Decide());

        Assert.Equal(ActivityKind.ActivateDevice, next.Kind);
        Assert.Equal(TimeSpan.Zero, next.Delay);
        Assert.IsType<GoalReached>(order.Run());
    }

    [Fact]
    public void AfterARetry_TheStepBoundCountsFromTheRetry()
    {
        var policy = new PlanningPolicy(MaxSteps: 2);
        var world = new FakeWorld().Answers(ActivityKind.RemoteDisconnect, ActivityResult.Failed, times: 2);
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Smart), world, policy);
        Assert.Equal(ReasonCodes.StepBoundReached, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);

        Assert.IsType<GoalReached>(order.Retry().Run());

        Assert.Equal([ActivityKind.RemoteDisconnect, ActivityKind.RemoteDisconnect, ActivityKind.RemoteDisconnect, ActivityKind.ReadScalar], order.Kinds);
    }

    [Fact]
    public void FieldWorkRecordedDone_IsNotSentAgain()
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.TurnOff, ActivityResult.NotDone));
        order.Run();

        // Recorded without a reading: the switch is off, the final reading is still missing.
        var next = Assert.IsType<PerformActivity>(order.RecordDone(ActivityKind.TurnOff).Decide());

        Assert.Equal(ActivityKind.FieldRead, next.Kind);
        Assert.False(order.Point.IsOn);
    }

    [Fact]
    public void FieldWorkRecordedDoneWithAReading_CompletesTheOrder()
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.TurnOff, ActivityResult.NotDone));
        order.Run();

        var next = order.RecordDone(ActivityKind.TurnOff, r => r with { Readings = [Given.Reading(ActivityKind.TurnOff, 1)] }).Decide();

        Assert.IsType<GoalReached>(next);
    }

    [Fact]
    public void AReadRecordedDone_CountsAsAReadingEvenWithoutValues()
    {
        var order = Given.Order(RequestType.ReadMeter, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.FieldRead, ActivityResult.NotDone));
        order.Run();

        Assert.IsType<GoalReached>(order.RecordDone(ActivityKind.FieldRead).Decide());
    }

    [Fact]
    public void AnActivationRecordedDone_CommissionsTheMeterAndTheOrderMovesOn()
    {
        var world = new FakeWorld().Answers(ActivityKind.ActivateDevice, ActivityResult.Rejected);
        var order = Given.Order(RequestType.ExchangeMeter, Given.Point(MeterClass.Smart), world);
        Assert.Equal(ReasonCodes.CommandExhausted, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);

        Assert.IsType<GoalReached>(order.RecordDone(ActivityKind.ActivateDevice).Run());

        Assert.True(order.Point.Meter!.Commissioned);
        Assert.Equal([ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteConnect], order.Kinds);
    }

    [Fact]
    public void AnInstallationRecordedDoneWithoutTheMeter_StopsInsteadOfSendingTheCrewAgain()
    {
        var order = Given.Order(RequestType.InstallMeter, Given.Point(meterClass: null),
            new FakeWorld().Answers(ActivityKind.InstallMeter, ActivityResult.TimedOut));
        order.Run();

        var stuck = Assert.IsType<CannotProceed>(order.RecordDone(ActivityKind.InstallMeter).Decide());

        Assert.Equal(ReasonCodes.NoProgress, stuck.ReasonCode);
        Assert.Contains("operator", stuck.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInstallationRecordedDoneWithTheMeter_MovesOnToCommissioningIt()
    {
        var order = Given.Order(RequestType.InstallMeter, Given.Point(meterClass: null),
            new FakeWorld().Answers(ActivityKind.InstallMeter, ActivityResult.TimedOut));
        order.Run();

        var next = order.RecordDone(ActivityKind.InstallMeter, r => r with { InstalledMeter = new MeterFound("M5", MeterClass.Smart) }).Decide();

        Assert.Equal(ActivityKind.ActivateDevice, Assert.IsType<PerformActivity>(next).Kind);
    }
}
