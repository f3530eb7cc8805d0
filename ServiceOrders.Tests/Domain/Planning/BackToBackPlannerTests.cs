using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class BackToBackPlannerTests
{
    [Theory]
    [InlineData(MeterClass.Smart, Commodity.Electric, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, Commodity.Gas, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Amr, Commodity.Water, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Manual, Commodity.Electric, ActivityKind.FieldRead)]
    public void AChangeOfCustomer_IsOneReadingWithoutTouchingTheSwitch(MeterClass meterClass, Commodity commodity, ActivityKind read)
    {
        var start = Given.Point(meterClass, commodity);
        var order = Given.Order(RequestType.BackToBack, start);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([read], order.Kinds);
        Assert.Equal(start.Meter, order.Point.Meter);
    }

    [Fact]
    public void AReadThatFindsTheMeterOff_StopsTheOrderInsteadOfCompletingIt()
    {
        var world = new FakeWorld().Answers(ActivityKind.ReadScalar, r => r with { Switch = SwitchState.Disconnected });
        var order = Given.Order(RequestType.BackToBack, Given.Point(MeterClass.Smart), world);

        Assert.Equal(ReasonCodes.ServiceIsOff, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);
        Assert.Equal([ActivityKind.ReadScalar], order.Kinds);
    }

    [Fact]
    public void AServicePointThatIsOff_HasNoServiceToHandOver()
    {
        var order = Given.Order(RequestType.BackToBack, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected));

        Assert.Equal([ReasonCodes.ServiceIsOff], ServiceOrderPlanner.Preconditions(order.Situation).Select(e => e.Code));
    }
}
