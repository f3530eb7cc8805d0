using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class ReadMeterPlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart, true, null, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, true, ReadKind.Scalar, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, true, ReadKind.Interval, ActivityKind.ReadInterval)]
    [InlineData(MeterClass.Smart, false, ReadKind.Scalar, ActivityKind.FieldRead)]
    [InlineData(MeterClass.Smart, false, ReadKind.Interval, ActivityKind.FieldRead)]
    [InlineData(MeterClass.Amr, false, ReadKind.Scalar, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Amr, false, ReadKind.Interval, ActivityKind.FieldRead)]
    [InlineData(MeterClass.Manual, false, null, ActivityKind.FieldRead)]
    public void ASpecialRead_ReadsTheRequestedKindTheWayTheMeterAllows(MeterClass meterClass, bool commissioned, ReadKind? readKind, ActivityKind expected)
    {
        var order = Given.Order(RequestType.ReadMeter, Given.Point(meterClass, commissioned: commissioned), readKind: readKind);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([expected], order.Kinds);
    }

    [Fact]
    public void AnIntervalReadThatKeepsFailing_FallsBackToACrew()
    {
        var world = new FakeWorld().Answers(ActivityKind.ReadInterval, ActivityResult.Failed, times: 3);
        var order = Given.Order(RequestType.ReadMeter, Given.Point(MeterClass.Smart), world, readKind: ReadKind.Interval);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ReadInterval, ActivityKind.ReadInterval, ActivityKind.ReadInterval, ActivityKind.FieldRead], order.Kinds);
    }

    [Theory]
    [InlineData(MeterClass.Smart, ReadKind.Interval, ActivityKind.ReadInterval)]
    [InlineData(MeterClass.Amr, ReadKind.Interval, ActivityKind.FieldRead)]
    [InlineData(MeterClass.Smart, ReadKind.Scalar, ActivityKind.ReadScalar)]
    public void ReadingsOfAnotherKindThanAskedFor_AreNotTheGoal(MeterClass meterClass, ReadKind asked, ActivityKind read)
    {
        var other = asked == ReadKind.Interval ? ReadKind.Scalar : ReadKind.Interval;
        var world = new FakeWorld().Answers(read, r => r with { Readings = [.. r.ReadingsOrEmpty.Select(x => x with { Kind = other })] }, times: 2);
        var order = Given.Order(RequestType.ReadMeter, Given.Point(meterClass), world, readKind: asked);

        Assert.Equal(ReasonCodes.NoProgress, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);
        Assert.Equal([read, read], order.Kinds);
    }

    [Theory]
    [InlineData(MeterClass.Smart, false)]
    [InlineData(MeterClass.Amr, false)]
    [InlineData(MeterClass.Manual, true)]
    public void IntervalDataFromAMeterThatRecordsNone_CannotBeRequested(MeterClass meterClass, bool intervalCapable)
    {
        var order = Given.Order(RequestType.ReadMeter, Given.Point(meterClass, intervalCapable: intervalCapable), readKind: ReadKind.Interval);

        var errors = ServiceOrderPlanner.Preconditions(order.Situation);

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
        Assert.Equal(["readKind"], errors.Select(e => e.Field));
    }

    [Fact]
    public void AServicePointWithoutAMeter_CannotBeRead()
    {
        var errors = ServiceOrderPlanner.Preconditions(Given.Order(RequestType.ReadMeter, Given.Point(meterClass: null)).Situation);

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
    }
}
