using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class InvestigatePlannerTests
{
    public static TheoryData<ServicePoint> AnyServicePoint() =>
    [
        Given.Point(MeterClass.Smart),
        Given.Point(MeterClass.Manual, Commodity.Gas, SwitchState.Disconnected),
        Given.Point(meterClass: null),
        Given.UnmeteredItem(SwitchState.Unknown),
    ];

    [Theory]
    [MemberData(nameof(AnyServicePoint))]
    public void AnInvestigation_EndsWithTheCrewsFindings(ServicePoint point)
    {
        var order = Given.Order(RequestType.Investigate, point);

        Assert.Empty(ServiceOrderPlanner.Preconditions(order.Situation));
        Assert.Equal("A crew reported: Seal intact, no tampering.", Assert.IsType<GoalReached>(order.Run()).Summary);
        Assert.Equal([ActivityKind.Investigate], order.Kinds);
    }
}
