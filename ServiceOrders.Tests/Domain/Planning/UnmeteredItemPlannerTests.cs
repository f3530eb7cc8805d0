using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class UnmeteredItemPlannerTests
{
    [Theory]
    [InlineData(RequestType.EnableUnmeteredItem, SwitchState.Disconnected, ActivityKind.TurnOn, SwitchState.Connected)]
    [InlineData(RequestType.EnableUnmeteredItem, SwitchState.Unknown, ActivityKind.TurnOn, SwitchState.Connected)]
    [InlineData(RequestType.DisableUnmeteredItem, SwitchState.Connected, ActivityKind.TurnOff, SwitchState.Disconnected)]
    [InlineData(RequestType.DisableUnmeteredItem, SwitchState.Armed, ActivityKind.TurnOff, SwitchState.Disconnected)]
    public void AnUnmeteredItem_IsSwitchedByACrew(RequestType type, SwitchState before, ActivityKind expected, SwitchState after)
    {
        var order = Given.Order(type, Given.UnmeteredItem(before));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([expected], order.Kinds);
        Assert.Equal(after, order.Point.ItemSwitch);
    }

    [Theory]
    [InlineData(RequestType.EnableUnmeteredItem, SwitchState.Connected)]
    [InlineData(RequestType.DisableUnmeteredItem, SwitchState.Disconnected)]
    public void AnItemAlreadyAsRequested_NeedsNothing(RequestType type, SwitchState state)
    {
        var order = Given.Order(type, Given.UnmeteredItem(state));

        Assert.IsType<GoalReached>(order.Run());
        Assert.Empty(order.Performed);
    }

    [Theory]
    [InlineData(RequestType.EnableUnmeteredItem)]
    [InlineData(RequestType.DisableUnmeteredItem)]
    public void AMeteredServicePoint_IsNotAnUnmeteredItem(RequestType type)
    {
        var order = Given.Order(type, Given.Point(MeterClass.Manual));

        Assert.Equal([ReasonCodes.NotPossibleForMeter], ServiceOrderPlanner.Preconditions(order.Situation).Select(e => e.Code));
    }

    [Theory]
    [InlineData(RequestType.EnableService)]
    [InlineData(RequestType.DisableService)]
    [InlineData(RequestType.CutForNonPayment)]
    [InlineData(RequestType.ReconnectForPayment)]
    [InlineData(RequestType.ExchangeMeter)]
    [InlineData(RequestType.InstallMeter)]
    [InlineData(RequestType.RemoveMeter)]
    [InlineData(RequestType.ReadMeter)]
    [InlineData(RequestType.DeviceStatusCheck)]
    [InlineData(RequestType.BackToBack)]
    public void MeterRequests_AreNotPossibleForAnUnmeteredItem(RequestType type)
    {
        var order = Given.Order(type, Given.UnmeteredItem(SwitchState.Connected));

        Assert.Contains(ReasonCodes.NotPossibleForMeter, ServiceOrderPlanner.Preconditions(order.Situation).Select(e => e.Code));
    }
}
