using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Tests.Domain.Planning;

public class ReconnectForPaymentPlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart, Commodity.Electric, true, ActivityKind.RemoteConnect, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, Commodity.Water, true, ActivityKind.RemoteConnect, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, Commodity.Gas, true, ActivityKind.Relight)]
    [InlineData(MeterClass.Smart, Commodity.Gas, false, ActivityKind.Relight, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Amr, Commodity.Electric, true, ActivityKind.Reconnect)]
    [InlineData(MeterClass.Amr, Commodity.Gas, false, ActivityKind.Relight, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Manual, Commodity.Water, true, ActivityKind.Reconnect)]
    [InlineData(MeterClass.Manual, Commodity.Electric, false, ActivityKind.Reconnect, ActivityKind.FieldRead)]
    public void AReconnection_TurnsServiceOnAndReadsTheMeterAfterwards(MeterClass meterClass, Commodity commodity, bool crewsRead, params ActivityKind[] expected)
    {
        var order = Given.Order(RequestType.ReconnectForPayment, Given.Point(meterClass, commodity, SwitchState.Disconnected), new FakeWorld { CrewsRead = crewsRead });

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(expected, order.Kinds);
        Assert.True(order.Point.IsOn);
    }

    [Fact]
    public void AnUncommissionedSmartMeter_IsReconnectedByACrew()
    {
        var order = Given.Order(RequestType.ReconnectForPayment, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected, commissioned: false));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.Reconnect], order.Kinds);
    }

    [Fact]
    public void ARemoteConnectThatArmsTheSwitch_LeavesClosingItToTheCustomer()
    {
        var world = new FakeWorld().Answers(ActivityKind.RemoteConnect, r => r with { Switch = SwitchState.Armed });
        var order = Given.Order(RequestType.ReconnectForPayment, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.RemoteConnect, ActivityKind.ReadScalar], order.Kinds);
        Assert.Equal(SwitchState.Armed, order.Point.Switch);
    }

    [Fact]
    public void AReadingTakenBeforeTheReconnection_DoesNotCount()
    {
        var point = Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected);
        var read = new ActivityReport("REQ-1.1", ActivityKind.ReadScalar, ActivityResult.Succeeded, Readings: [Given.Reading(ActivityKind.ReadScalar, 1)]);
        var connect = new ActivityReport("REQ-1.2", ActivityKind.RemoteConnect, ActivityResult.Succeeded);
        var situation = new OrderSituation(Given.Request(RequestType.ReconnectForPayment), point.Apply(read).Apply(connect), [read, connect]) { Initial = point };

        Assert.Equal(ActivityKind.ReadScalar, Assert.IsType<PerformActivity>(ServiceOrderPlanner.Decide(situation)).Kind);
    }
}
