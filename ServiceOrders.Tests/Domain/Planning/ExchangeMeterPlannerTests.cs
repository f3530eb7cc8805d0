using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class ExchangeMeterPlannerTests
{
    static ServiceOrderRequest Request(Commodity commodity, MeterClass newMeter) =>
        Given.Request(RequestType.ExchangeMeter, commodity) with { NewMeter = new MeterFound("M2", newMeter) };

    [Theory]
    [InlineData(Commodity.Electric, MeterClass.Smart, SwitchState.Connected, ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteConnect)]
    [InlineData(Commodity.Water, MeterClass.Smart, SwitchState.Connected, ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteConnect)]
    [InlineData(Commodity.Gas, MeterClass.Smart, SwitchState.Connected, ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice, ActivityKind.Relight)]
    [InlineData(Commodity.Electric, MeterClass.Smart, SwitchState.Disconnected, ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice)]
    [InlineData(Commodity.Electric, MeterClass.Amr, SwitchState.Connected, ActivityKind.ExchangeMeter, ActivityKind.TurnOn)]
    [InlineData(Commodity.Gas, MeterClass.Manual, SwitchState.Connected, ActivityKind.ExchangeMeter, ActivityKind.Relight)]
    [InlineData(Commodity.Water, MeterClass.Manual, SwitchState.Disconnected, ActivityKind.ExchangeMeter)]
    public void AnExchange_PutsInTheNewMeterAndConnectsItOnlyIfTheOldOneWasConnected(
        Commodity commodity, MeterClass newMeter, SwitchState before, params ActivityKind[] expected)
    {
        var start = Given.Point(MeterClass.Manual, commodity, before);
        var order = new SimulatedOrder(Request(commodity, newMeter), start);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.Equal("M2", order.Point.Meter!.MeterId);
        Assert.Equal(before == SwitchState.Connected, order.Point.IsOn);
    }

    [Theory]
    [InlineData(Commodity.Electric, MeterClass.Smart, ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteDisconnect)]
    [InlineData(Commodity.Gas, MeterClass.Smart, ActivityKind.ExchangeMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteDisconnect)]
    [InlineData(Commodity.Electric, MeterClass.Amr, ActivityKind.ExchangeMeter, ActivityKind.TurnOff)]
    [InlineData(Commodity.Water, MeterClass.Manual, ActivityKind.ExchangeMeter, ActivityKind.TurnOff)]
    public void ANewMeterACrewLeftConnectedAtAPointThatWasOff_IsDisconnectedAgain(Commodity commodity, MeterClass newMeter, params ActivityKind[] expected)
    {
        var world = new FakeWorld().Answers(ActivityKind.ExchangeMeter, r => r with { Switch = SwitchState.Connected });
        var order = new SimulatedOrder(Request(commodity, newMeter), Given.Point(MeterClass.Manual, commodity, SwitchState.Disconnected), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.Equal("M2", order.Point.Meter!.MeterId);
        Assert.Equal(SwitchState.Disconnected, order.Point.Switch);
    }

    [Fact]
    public void ANewMeterLeftConnectedThatNoCrewCanReachToDisconnect_GoesToExceptionsNotToCompleted()
    {
        var world = new FakeWorld()
            .Answers(ActivityKind.ExchangeMeter, r => r with { Switch = SwitchState.Connected })
            .Answers(ActivityKind.TurnOff, ActivityResult.NotDone, detail: "No access");
        var order = new SimulatedOrder(Request(Commodity.Electric, MeterClass.Manual), Given.Point(MeterClass.Manual, switchState: SwitchState.Disconnected), world);

        Assert.Equal(ReasonCodes.FieldWorkNotDone, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);
        Assert.Equal(SwitchState.Connected, order.Point.Switch);
    }

    [Theory]
    [InlineData(Commodity.Electric, SwitchState.Armed, ActivityKind.ExchangeMeter, ActivityKind.TurnOn)]
    [InlineData(Commodity.Gas, SwitchState.Armed)]
    [InlineData(Commodity.Electric, SwitchState.Unknown)]
    public void AnArmedOrUnknownSwitch_IsRestoredAsTheServiceItGave(Commodity commodity, SwitchState before, params ActivityKind[] expected)
    {
        // An armed electric or water switch gave service (the customer closes it), so the new meter is connected; an armed
        // gas valve gave none, so it stays off; a switch nobody knew is left as the crew reports it.
        var order = new SimulatedOrder(Request(commodity, MeterClass.Manual), Given.Point(MeterClass.Manual, commodity, before));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected.Length == 0 ? [ActivityKind.ExchangeMeter] : expected, order.Kinds);
        Assert.Equal(expected.Length == 0 ? SwitchState.Disconnected : SwitchState.Connected, order.Point.Switch);
    }

    [Fact]
    public void AnUnknownSwitch_IsLeftAsTheCrewReportsIt()
    {
        var world = new FakeWorld().Answers(ActivityKind.ExchangeMeter, r => r with { Switch = SwitchState.Connected });
        var order = new SimulatedOrder(Request(Commodity.Water, MeterClass.Amr), Given.Point(MeterClass.Manual, Commodity.Water, SwitchState.Unknown), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ExchangeMeter], order.Kinds);
        Assert.Equal(SwitchState.Connected, order.Point.Switch);
    }

    [Fact]
    public void ACrewThatReportsTheOldMeterStillIn_IsSentOnceMoreThenTheOrderStops()
    {
        var world = new FakeWorld().Answers(ActivityKind.ExchangeMeter, r => r with { InstalledMeter = null }, times: 2);
        var order = new SimulatedOrder(Request(Commodity.Electric, MeterClass.Smart), Given.Point(MeterClass.Smart), world);

        Assert.Equal(ReasonCodes.NoProgress, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);
        Assert.Equal([ActivityKind.ExchangeMeter, ActivityKind.ExchangeMeter], order.Kinds);
    }

    [Fact]
    public void ACrewThatInstallsAnotherMeterThanPlanned_CarriesOnWithThatMeter()
    {
        var world = new FakeWorld().Answers(ActivityKind.ExchangeMeter, r => r with { InstalledMeter = new MeterFound("M9", MeterClass.Amr) });
        var order = new SimulatedOrder(Request(Commodity.Electric, MeterClass.Smart), Given.Point(MeterClass.Smart), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ExchangeMeter, ActivityKind.TurnOn], order.Kinds);
        Assert.Equal("M9", order.Point.Meter!.MeterId);
    }

    [Fact]
    public void ANewMeterTheHeadEndRejects_StopsTheOrderForAPerson()
    {
        var world = new FakeWorld().Answers(ActivityKind.ActivateDevice, ActivityResult.Rejected);
        var order = new SimulatedOrder(Request(Commodity.Electric, MeterClass.Smart), Given.Point(MeterClass.Smart), world);

        Assert.Equal(ReasonCodes.CommandExhausted, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);
    }

    [Fact]
    public void AServicePointWithoutAMeter_HasNothingToExchange()
    {
        var errors = ServiceOrderPlanner.Preconditions(new OrderSituation(Request(Commodity.Electric, MeterClass.Smart), Given.Point(meterClass: null), []));

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
    }
}
