using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class DeviceStatusCheckPlannerTests
{
    [Fact]
    public void AMeterThatAnswersAPing_IsReachable()
    {
        var order = Given.Order(RequestType.DeviceStatusCheck, Given.Point(MeterClass.Smart));

        Assert.Equal("Meter reachable.", Assert.IsType<GoalReached>(order.Run()).Summary);
        Assert.Equal([ActivityKind.Ping], order.Kinds);
    }

    [Fact]
    public void AMeterThatNeverAnswers_IsReportedUnreachableWithoutSendingACrew()
    {
        var order = Given.Order(RequestType.DeviceStatusCheck, Given.Point(MeterClass.Smart),
            new FakeWorld().Answers(ActivityKind.Ping, ActivityResult.TimedOut, times: 3));

        Assert.Equal("Meter unreachable after 3 pings.", Assert.IsType<GoalReached>(order.Run()).Summary);
        Assert.Equal([ActivityKind.Ping, ActivityKind.Ping, ActivityKind.Ping], order.Kinds);
    }

    [Fact]
    public void APingTheHeadEndRejects_EndsTheCheckAtOnce()
    {
        var order = Given.Order(RequestType.DeviceStatusCheck, Given.Point(MeterClass.Smart),
            new FakeWorld().Answers(ActivityKind.Ping, ActivityResult.Rejected));

        Assert.Equal("Meter unreachable: the head-end rejected the ping.", Assert.IsType<GoalReached>(order.Run()).Summary);
    }

    [Theory]
    [InlineData(MeterClass.Smart, false)]
    [InlineData(MeterClass.Amr, false)]
    [InlineData(MeterClass.Manual, false)]
    public void OnlyACommissionedSmartMeter_CanBePinged(MeterClass meterClass, bool commissioned)
    {
        var order = Given.Order(RequestType.DeviceStatusCheck, Given.Point(meterClass, commissioned: commissioned));

        Assert.Equal([ReasonCodes.NotPossibleForMeter], ServiceOrderPlanner.Preconditions(order.Situation).Select(e => e.Code));
        Assert.Equal(ReasonCodes.NotPossibleForMeter, Assert.IsType<CannotProceed>(order.Decide()).ReasonCode);
    }
}
