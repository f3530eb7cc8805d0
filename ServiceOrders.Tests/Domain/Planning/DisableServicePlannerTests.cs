using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class DisableServicePlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart, Commodity.Electric, ActivityKind.ReadScalar, ActivityKind.RemoteDisconnect)]
    [InlineData(MeterClass.Smart, Commodity.Gas, ActivityKind.ReadScalar, ActivityKind.RemoteDisconnect)]
    [InlineData(MeterClass.Smart, Commodity.Water, ActivityKind.ReadScalar, ActivityKind.RemoteDisconnect)]
    [InlineData(MeterClass.Amr, Commodity.Electric, ActivityKind.ReadScalar, ActivityKind.TurnOff)]
    [InlineData(MeterClass.Amr, Commodity.Gas, ActivityKind.ReadScalar, ActivityKind.TurnOff)]
    [InlineData(MeterClass.Manual, Commodity.Electric, ActivityKind.TurnOff)]
    [InlineData(MeterClass.Manual, Commodity.Water, ActivityKind.TurnOff)]
    public void AMoveOut_TakesAFinalReadingAndTurnsServiceOff(MeterClass meterClass, Commodity commodity, params ActivityKind[] expected)
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(meterClass, commodity));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.Equal(SwitchState.Disconnected, order.Point.Switch);
    }

    [Fact]
    public void ACrewThatTurnsOffWithoutReading_IsFollowedByAFieldRead()
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual), new FakeWorld { CrewsRead = false });

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.TurnOff, ActivityKind.FieldRead], order.Kinds);
    }

    [Theory]
    [InlineData(MeterClass.Smart, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Manual, ActivityKind.FieldRead)]
    public void WhereServiceStaysOnForTheNextCustomer_OnlyReads(MeterClass meterClass, ActivityKind read)
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(meterClass), policy: PlanningPolicy.Default with { DisconnectOnMoveOut = false });

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([read], order.Kinds);
        Assert.True(order.Point.IsOn);
    }

    [Fact]
    public void ARemoteReadThatKeepsFailing_LeavesTheReadingToTheEnd()
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Smart),
            new FakeWorld().Answers(ActivityKind.ReadScalar, ActivityResult.TimedOut, times: 3));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(
            [ActivityKind.ReadScalar, ActivityKind.ReadScalar, ActivityKind.ReadScalar, ActivityKind.RemoteDisconnect, ActivityKind.FieldRead],
            order.Kinds);
    }

    [Fact]
    public void ACrewThatFindsAnotherMeter_ReadsAndTurnsOffThatOne()
    {
        var world = new FakeWorld().Answers(ActivityKind.TurnOff, r => r with { InstalledMeter = new MeterFound("M7", MeterClass.Manual) });
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal("M7", order.Point.Meter!.MeterId);
        Assert.Equal(SwitchState.Disconnected, order.Point.Switch);
    }

    [Fact]
    public void ACrewThatReportsTheMeterStillOn_IsSentOnceMoreThenTheOrderStops()
    {
        var world = new FakeWorld().Answers(ActivityKind.TurnOff, r => r with { Switch = SwitchState.Connected }, times: 5);
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual), world);

        Assert.Equal(ReasonCodes.NoProgress, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);

        Assert.Equal([ActivityKind.TurnOff, ActivityKind.TurnOff], order.Kinds);
    }

    [Fact]
    public void AServicePointWithoutAMeter_CannotBeMovedOutOf()
    {
        var errors = ServiceOrderPlanner.Preconditions(Given.Order(RequestType.DisableService, Given.Point(meterClass: null)).Situation);

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
    }
}
