using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>A cancelled order undoes a disconnect it carried out, and nothing else.</summary>
public class CancellationTests
{
    [Theory]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Smart, Commodity.Electric, ActivityKind.RemoteConnect)]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Smart, Commodity.Gas, ActivityKind.Relight)]
    [InlineData(RequestType.CutForNonPayment, MeterClass.Amr, Commodity.Water, ActivityKind.Reconnect)]
    [InlineData(RequestType.DisableService, MeterClass.Manual, Commodity.Electric, ActivityKind.Reconnect)]
    [InlineData(RequestType.DisableService, MeterClass.Manual, Commodity.Gas, ActivityKind.Relight)]
    public void ADisconnectAlreadyCarriedOut_IsUndone(RequestType type, MeterClass meterClass, Commodity commodity, ActivityKind undo)
    {
        var order = Given.Order(type, Given.Point(meterClass, commodity));
        order.Run();
        Assert.False(order.Point.IsOn);
        var done = order.Kinds.Count;

        var end = Assert.IsType<GoalReached>(order.Cancel().Run());

        Assert.Equal([undo], order.Kinds.Skip(done));
        Assert.True(order.Point.IsOn);
        Assert.Equal("Cancelled; service was reconnected.", end.Summary);
    }

    [Fact]
    public void AReconnectThatKeepsFailing_FallsBackToACrew()
    {
        var world = new FakeWorld().Answers(ActivityKind.RemoteConnect, ActivityResult.Failed, times: 3);
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Smart), world);
        order.Run();

        Assert.IsType<GoalReached>(order.Cancel().Run());

        Assert.Equal(ActivityKind.Reconnect, order.Kinds[^1]);
    }

    [Fact]
    public void AnOrderCancelledBeforeItActed_HasNothingToUndo()
    {
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Smart)).Cancel();

        Assert.Equal("Cancelled; nothing to undo.", Assert.IsType<GoalReached>(order.Run()).Summary);
        Assert.Empty(order.Performed);
    }

    [Fact]
    public void AMoveOutOfAServicePointThatWasAlreadyOff_HasNothingToUndo()
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected));
        order.Run();

        Assert.IsType<GoalReached>(order.Cancel().Run());

        Assert.Equal([ActivityKind.ReadScalar], order.Kinds);
    }

    [Fact]
    public void FailedFieldWorkOfTheCancelledOrder_DoesNotBlockTheCancellation()
    {
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.CutForNonPayment, ActivityResult.NotDone, detail: "Cancelled"));
        Assert.IsType<CannotProceed>(order.Run());

        Assert.IsType<GoalReached>(order.Cancel().Run());
    }

    [Fact]
    public void AFailedCommandOfTheCancelledOrder_IsNotTriedAgain()
    {
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Smart));
        var failed = new ActivityReport("REQ-1.1", ActivityKind.RemoteDisconnect, ActivityResult.Failed);
        var situation = new OrderSituation(order.Request, order.Start, [failed]) { Initial = order.Start, Cancelled = true };

        Assert.IsType<GoalReached>(ServiceOrderPlanner.Decide(situation));
    }

    [Fact]
    public void ACrewThatCannotReconnect_StopsTheCancellationForAPerson()
    {
        var world = new FakeWorld().Answers(ActivityKind.Reconnect, ActivityResult.NotDone);
        var order = Given.Order(RequestType.CutForNonPayment, Given.Point(MeterClass.Manual), world);
        order.Run();

        Assert.Equal(ReasonCodes.FieldWorkNotDone, Assert.IsType<CannotProceed>(order.Cancel().Run()).ReasonCode);
    }

    [Theory]
    [InlineData(RequestType.EnableService)]
    [InlineData(RequestType.ExchangeMeter)]
    [InlineData(RequestType.ReconnectForPayment)]
    public void OtherOrders_AreLeftAsTheyAre(RequestType type)
    {
        var order = Given.Order(type, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected));
        order.Run();
        var point = order.Point;

        Assert.Equal("Cancelled; nothing to undo.", Assert.IsType<GoalReached>(order.Cancel().Run()).Summary);

        Assert.Equal(point, order.Point);
    }
}
