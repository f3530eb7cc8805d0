using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class RemoveMeterPlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart)]
    [InlineData(MeterClass.Amr)]
    [InlineData(MeterClass.Manual)]
    public void ARemoval_IsOneCrewVisitThatBringsTheFinalReading(MeterClass meterClass)
    {
        var order = Given.Order(RequestType.RemoveMeter, Given.Point(meterClass, Commodity.Gas));

        Assert.Equal("The meter was removed with a final reading.", Assert.IsType<GoalReached>(order.Run()).Summary);

        Assert.Equal([ActivityKind.RemoveMeter], order.Kinds);
        Assert.Null(order.Point.Meter);
    }

    [Fact]
    public void ARemovalReportedWithoutAReading_StillCompletesAndSaysSo()
    {
        // A removed meter cannot be read any more; the summary tells the CIS the final reading is missing.
        var order = Given.Order(RequestType.RemoveMeter, Given.Point(MeterClass.Smart), new FakeWorld { CrewsRead = false });

        Assert.Equal("The meter was removed; no final reading was reported.", Assert.IsType<GoalReached>(order.Run()).Summary);
    }

    [Fact]
    public void AServicePointWithoutAMeter_HasNothingToRemove()
    {
        var errors = ServiceOrderPlanner.Preconditions(Given.Order(RequestType.RemoveMeter, Given.Point(meterClass: null)).Situation);

        Assert.Equal([ReasonCodes.NotPossibleForMeter], errors.Select(e => e.Code));
    }
}
