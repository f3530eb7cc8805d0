using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class CutForNonPaymentPlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart, Commodity.Electric, true, ActivityKind.RemoteDisconnect, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, Commodity.Gas, true, ActivityKind.RemoteDisconnect, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, Commodity.Water, true, ActivityKind.RemoteDisconnect, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Amr, Commodity.Electric, true, ActivityKind.CutForNonPayment)]
    [InlineData(MeterClass.Amr, Commodity.Electric, false, ActivityKind.CutForNonPayment, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Manual, Commodity.Gas, true, ActivityKind.CutForNonPayment)]
    [InlineData(MeterClass.Manual, Commodity.Water, false, ActivityKind.CutForNonPayment, ActivityKind.FieldRead)]
    public void ACut_TurnsServiceOffAndReadsTheMeter(MeterClass meterClass, Commodity commodity, bool crewsRead, params ActivityKind[] expected)
    {
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(meterClass, commodity), new FakeWorld { CrewsRead = crewsRead });

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.Equal(SwitchState.Disconnected, order.Point.Switch);
    }

    [Theory]
    [InlineData(SwitchState.Armed)]
    [InlineData(SwitchState.Unknown)]
    public void AnArmedOrUnknownSwitch_IsNotTakenForOff(SwitchState switchState)
    {
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Smart, switchState: switchState));

        Assert.Equal(ActivityKind.RemoteDisconnect, Assert.IsType<PerformActivity>(order.Decide()).Kind);
    }

    [Fact]
    public void ACrewThatFindsTheServiceAlreadyOff_CompletesTheCut()
    {
        var world = new FakeWorld().Answers(ActivityKind.CutForNonPayment, r => r with { Detail = "Found off" });
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Manual), world);

        Assert.IsType<GoalReached>(order.Run());
        Assert.Single(order.Performed);
    }

    [Fact]
    public void AServicePointWithoutAMeter_CannotBeCut()
    {
        var errors = ServiceOrderPlanner.Preconditions(Given.Order(RequestType.CutForNonPayment, Given.UnmeteredItem(SwitchState.Connected)).Situation);

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
    }
}
