using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class InstallMeterPlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart, true, ActivityKind.InstallMeter, ActivityKind.ActivateDevice)]
    [InlineData(MeterClass.Smart, false, ActivityKind.InstallMeter, ActivityKind.ActivateDevice, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Amr, false, ActivityKind.InstallMeter, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Manual, true, ActivityKind.InstallMeter)]
    [InlineData(MeterClass.Manual, false, ActivityKind.InstallMeter, ActivityKind.FieldRead)]
    public void AnInstallation_PutsInTheMeterCommissionsItAndReadsIt(MeterClass meterClass, bool crewsRead, params ActivityKind[] expected)
    {
        var request = Given.Request(RequestType.InstallMeter, Commodity.Water) with { NewMeter = new MeterFound("M2", meterClass) };
        var order = new SimulatedOrder(request, Given.Point(meterClass: null, Commodity.Water), new FakeWorld { CrewsRead = crewsRead });

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.Equal(meterClass == MeterClass.Smart, order.Point.Meter!.AcceptsCommands);
        Assert.False(order.Point.IsOn);
    }

    [Theory]
    [InlineData(MeterClass.Smart, Commodity.Electric, ActivityKind.InstallMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteDisconnect)]
    [InlineData(MeterClass.Amr, Commodity.Gas, ActivityKind.InstallMeter, ActivityKind.TurnOff)]
    [InlineData(MeterClass.Manual, Commodity.Water, ActivityKind.InstallMeter, ActivityKind.TurnOff)]
    public void ANewMeterTheCrewLeftConnected_IsDisconnectedAgain(MeterClass meterClass, Commodity commodity, params ActivityKind[] expected)
    {
        var request = Given.Request(RequestType.InstallMeter, commodity) with { NewMeter = new MeterFound("M2", meterClass) };
        var world = new FakeWorld().Answers(ActivityKind.InstallMeter, r => r with { Switch = SwitchState.Connected });
        var order = new SimulatedOrder(request, Given.Point(meterClass: null, commodity), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.Equal(SwitchState.Disconnected, order.Point.Switch);
    }

    [Fact]
    public void AnOrderThatFoundAMeter_InstallsNoSecondOne()
    {
        // Only an order that skipped its preconditions gets here; it must not commission, switch or read someone's meter.
        var point = Given.Point(MeterClass.Smart, commissioned: false);
        var situation = new OrderSituation(Given.Request(RequestType.InstallMeter), point, []) { Initial = point };

        Assert.Equal(ReasonCodes.MeterAlreadyInstalled, Assert.IsType<CannotProceed>(ServiceOrderPlanner.Decide(situation)).ReasonCode);
    }

    [Fact]
    public void AServicePointWithAMeter_GetsNoSecondOne()
    {
        var errors = ServiceOrderPlanner.Preconditions(Given.Order(RequestType.InstallMeter, Given.Point(MeterClass.Manual)).Situation);

        Assert.Equal([ReasonCodes.MeterAlreadyInstalled], errors.Select(e => e.Code));
    }

    [Fact]
    public void AnUnmeteredItem_GetsNoMeter()
    {
        var errors = ServiceOrderPlanner.Preconditions(Given.Order(RequestType.InstallMeter, Given.UnmeteredItem(SwitchState.Connected)).Situation);

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
    }
}
