using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>Field work that fails stops the order for a person, with a reason that says what happened.</summary>
public class FieldFailureTests
{
    [Theory]
    [InlineData(ActivityResult.NotDone, "FieldWorkNotDone", "TurnOff not done: CannotAccess.")]
    [InlineData(ActivityResult.TimedOut, "FieldWorkOverdue", "TurnOff not reported done before its deadline.")]
    [InlineData(ActivityResult.Failed, "ActivityFailed", "TurnOff Failed: CannotAccess.")]
    public void FailedFieldWork_StopsTheOrderWithTheReason(ActivityResult result, string reasonCode, string detail)
    {
        var order = Given.Order(RequestType.DisableService, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.TurnOff, result, detail: "CannotAccess"));

        var stuck = Assert.IsType<CannotProceed>(order.Run());

        Assert.Equal(reasonCode, stuck.ReasonCode);
        Assert.Equal(detail, stuck.Detail);
        Assert.Equal([ActivityKind.TurnOff], order.Kinds);
    }

    [Fact]
    public void ACrewWithoutAccess_StopsAReconnectionAsNotDone()
    {
        var order = Given.Order(RequestType.ReconnectForPayment, Given.Point(MeterClass.Manual, Commodity.Gas, SwitchState.Disconnected),
            new FakeWorld().Answers(ActivityKind.Relight, ActivityResult.NotDone, detail: "No access"));

        Assert.Equal(ReasonCodes.FieldWorkNotDone, Assert.IsType<CannotProceed>(order.Run()).ReasonCode);
    }

    [Fact]
    public void AFailedFieldActivity_IsNotRetriedByThePlanner()
    {
        var order = Given.Order(RequestType.Investigate, Given.Point(MeterClass.Manual),
            new FakeWorld().Answers(ActivityKind.Investigate, ActivityResult.TimedOut));

        order.Run();

        Assert.Single(order.Performed);
    }
}
