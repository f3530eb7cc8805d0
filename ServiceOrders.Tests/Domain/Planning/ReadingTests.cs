using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>The readings goals name: what counts as one, and that an order does not complete without it.</summary>
public class ReadingTests
{
    [Theory]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Smart, true, Commodity.Electric, SwitchState.Disconnected, ActivityKind.ReadScalar)]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Smart, false, Commodity.Gas, SwitchState.Disconnected, ActivityKind.FieldRead)]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Amr, false, Commodity.Water, SwitchState.Disconnected, ActivityKind.ReadScalar)]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Manual, false, Commodity.Electric, SwitchState.Disconnected, ActivityKind.FieldRead)]
    [InlineData(RequestType.ReconnectForPayment, MeterClass.Smart, true, Commodity.Electric, SwitchState.Connected, ActivityKind.ReadScalar)]
    [InlineData(RequestType.ReconnectForPayment, MeterClass.Smart, true, Commodity.Water, SwitchState.Armed, ActivityKind.ReadScalar)]
    [InlineData(RequestType.ReconnectForPayment, MeterClass.Amr, false, Commodity.Gas, SwitchState.Connected, ActivityKind.ReadScalar)]
    [InlineData(RequestType.ReconnectForPayment, MeterClass.Manual, false, Commodity.Electric, SwitchState.Connected, ActivityKind.FieldRead)]
    public void AServicePointFoundAsTheOrderWantsIt_IsStillRead(
        RequestType type, MeterClass meterClass, bool commissioned, Commodity commodity, SwitchState switchState, ActivityKind read)
    {
        // The goal names a reading for the account: a switch found as wanted is no reason to complete without one.
        var order = Given.Order(type, Given.Point(meterClass, commodity, switchState, commissioned));

        var done = Assert.IsType<GoalReached>(order.Run());

        Assert.StartsWith(type == RequestType.CutForNonPayment ? "Service was already off" : "Service was already on", done.Summary, StringComparison.Ordinal);
        Assert.Equal([read], order.Kinds);
        Assert.Equal(switchState, order.Point.Switch);
        Assert.NotNull(order.Point.LastReading);
    }

    [Theory]
    [InlineData(RequestType.ReadMeter, MeterClass.Smart)]
    [InlineData(RequestType.ReadMeter, MeterClass.Manual)]
    [InlineData(RequestType.BackToBack, MeterClass.Amr)]
    [InlineData(RequestType.ReconnectForPayment, MeterClass.Manual)]
    public void AReadThatSucceedsWithoutValues_IsNoReading(RequestType type, MeterClass meterClass)
    {
        // The CIS is sent the readings of the order: a read reported done without values leaves it none.
        var read = Assert.IsType<PerformActivity>(Given.Order(type, Given.Point(meterClass)).Decide()).Kind;
        Assert.True(ActivityKinds.IsRead(read), $"{type} starts with {read}");
        var once = new FakeWorld().Answers(read, r => r with { Readings = null });
        var order = Given.Order(type, Given.Point(meterClass), once);

        Assert.IsType<GoalReached>(order.Run());
        Assert.Equal([read, read], order.Kinds);
        Assert.NotNull(order.Point.LastReading);

        var always = new FakeWorld().Answers(read, r => r with { Readings = null }, times: 2);
        var stuck = Given.Order(type, Given.Point(meterClass), always);

        Assert.Equal(ReasonCodes.NoProgress, Assert.IsType<CannotProceed>(stuck.Run()).ReasonCode);
        Assert.Null(stuck.Point.LastReading);
    }
}
