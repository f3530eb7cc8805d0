using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>A head-end command that fails is tried again a bounded number of times, then a crew does the work.</summary>
public class CommandFailureTests
{
    static readonly ServicePoint SmartOn = Given.Point(MeterClass.Smart);

    [Fact]
    public void AFailedCommand_IsTriedAgainAfterABackOffThatDoubles()
    {
        var world = new FakeWorld()
            .Answers(ActivityKind.RemoteDisconnect, ActivityResult.Failed)
            .Answers(ActivityKind.RemoteDisconnect, ActivityResult.TimedOut);
        var order = Given.Order(RequestType.CutForNonPayment, SmartOn, world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.RemoteDisconnect, ActivityKind.RemoteDisconnect, ActivityKind.RemoteDisconnect, ActivityKind.ReadScalar], order.Kinds);
        var backOff = PlanningPolicy.Default.CommandRetryBackoff;
        Assert.Equal([TimeSpan.Zero, backOff, backOff * 2, TimeSpan.Zero], order.Performed.Select(p => p.Delay));
    }

    [Fact]
    public void ARetry_SaysWhichTryItIsAndWhatWentWrong()
    {
        var order = Given.Order(RequestType.CutForNonPayment, SmartOn,
            new FakeWorld().Answers(ActivityKind.RemoteDisconnect, ActivityResult.Failed, detail: "Meter busy"));
        order.Run();

        Assert.StartsWith("Retry 1 of 2 after RemoteDisconnect Failed: Meter busy.", order.Performed[1].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RequestType.CutForNonPayment, Commodity.Electric, SwitchState.Connected, ActivityKind.RemoteDisconnect, ActivityKind.CutForNonPayment)]
    [InlineData(RequestType.DisableService, Commodity.Gas, SwitchState.Connected, ActivityKind.RemoteDisconnect, ActivityKind.TurnOff)]
    [InlineData(RequestType.ReconnectForPayment, Commodity.Water, SwitchState.Disconnected, ActivityKind.RemoteConnect, ActivityKind.Reconnect)]
    [InlineData(RequestType.EnableService, Commodity.Electric, SwitchState.Disconnected, ActivityKind.RemoteConnect, ActivityKind.TurnOn)]
    [InlineData(RequestType.ReadMeter, Commodity.Electric, SwitchState.Connected, ActivityKind.ReadScalar, ActivityKind.FieldRead)]
    [InlineData(RequestType.BackToBack, Commodity.Water, SwitchState.Connected, ActivityKind.ReadScalar, ActivityKind.FieldRead)]
    public void ACommandThatFailsEveryTry_FallsBackToTheMatchingFieldActivity(
        RequestType type, Commodity commodity, SwitchState switchState, ActivityKind command, ActivityKind fieldActivity)
    {
        var world = new FakeWorld().Answers(command, ActivityResult.TimedOut, times: PlanningPolicy.Default.MaxCommandAttempts);
        var order = Given.Order(type, Given.Point(MeterClass.Smart, commodity, switchState), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(PlanningPolicy.Default.MaxCommandAttempts, order.Kinds.Count(k => k == command));
        Assert.Contains(fieldActivity, order.Kinds);
        Assert.True(order.Kinds.ToList().IndexOf(fieldActivity) > order.Kinds.ToList().LastIndexOf(command));
    }

    [Fact]
    public void ARejectedCommand_FallsBackAtOnce()
    {
        var order = Given.Order(RequestType.CutForNonPayment, SmartOn, new FakeWorld().Answers(ActivityKind.RemoteDisconnect, ActivityResult.Rejected));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.RemoteDisconnect, ActivityKind.CutForNonPayment], order.Kinds);
        Assert.Equal(TimeSpan.Zero, order.Performed[1].Delay);
    }

    [Fact]
    public void TheNumberOfTries_ComesFromThePolicy()
    {
        var policy = new PlanningPolicy(MaxCommandAttempts: 5);
        var order = Given.Order(RequestType.CutForNonPayment, SmartOn, new FakeWorld().Answers(ActivityKind.RemoteDisconnect, ActivityResult.Failed, times: 5), policy);

        order.Run();

        Assert.Equal(5, order.Kinds.Count(k => k == ActivityKind.RemoteDisconnect));
        Assert.Equal(policy.CommandRetryBackoff * 8, order.Performed[4].Delay);
    }

    [Fact]
    public void OnlyFailuresSinceTheLastSuccess_CountAsTries()
    {
        var situation = Situation(
            Report(ActivityKind.ReadScalar, ActivityResult.Failed),
            Report(ActivityKind.ReadScalar, ActivityResult.Failed),
            Report(ActivityKind.ReadScalar, ActivityResult.Succeeded),
            Report(ActivityKind.ReadScalar, ActivityResult.TimedOut));

        Assert.Equal(1, situation.FailedAttempts(ActivityKind.ReadScalar));
        Assert.True(situation.RemoteAllowed(ActivityKind.ReadScalar));
    }

    [Fact]
    public void FailuresOfOtherCommands_DoNotCountAsTries()
    {
        var situation = Situation(
            Report(ActivityKind.RemoteConnect, ActivityResult.Failed),
            Report(ActivityKind.RemoteConnect, ActivityResult.Failed),
            Report(ActivityKind.RemoteConnect, ActivityResult.Failed));

        Assert.False(situation.RemoteAllowed(ActivityKind.RemoteConnect));
        Assert.True(situation.RemoteAllowed(ActivityKind.ReadScalar));
    }

    [Theory]
    [InlineData(MeterClass.Smart, true, Commodity.Electric, ActivityKind.RemoteConnect, true)]
    [InlineData(MeterClass.Smart, true, Commodity.Gas, ActivityKind.RemoteConnect, false)]
    [InlineData(MeterClass.Smart, true, Commodity.Gas, ActivityKind.RemoteDisconnect, true)]
    [InlineData(MeterClass.Smart, false, Commodity.Electric, ActivityKind.RemoteConnect, false)]
    [InlineData(MeterClass.Smart, false, Commodity.Electric, ActivityKind.ActivateDevice, true)]
    [InlineData(MeterClass.Smart, false, Commodity.Electric, ActivityKind.ReadScalar, false)]
    [InlineData(MeterClass.Amr, false, Commodity.Electric, ActivityKind.ReadScalar, true)]
    [InlineData(MeterClass.Amr, false, Commodity.Electric, ActivityKind.ReadInterval, false)]
    [InlineData(MeterClass.Amr, false, Commodity.Electric, ActivityKind.RemoteDisconnect, false)]
    [InlineData(MeterClass.Manual, false, Commodity.Water, ActivityKind.ReadScalar, false)]
    [InlineData(MeterClass.Smart, true, Commodity.Electric, ActivityKind.TurnOn, false)]
    public void TheHeadEnd_IsOnlyAskedWhatTheMeterCanDoSafely(MeterClass meterClass, bool commissioned, Commodity commodity, ActivityKind kind, bool allowed)
    {
        var point = Given.Point(meterClass, commodity, commissioned: commissioned);
        var situation = new OrderSituation(Given.Request(RequestType.EnableService, commodity), point, []);

        Assert.Equal(allowed, situation.RemoteAllowed(kind));
    }

    static OrderSituation Situation(params ActivityReport[] history) =>
        new(Given.Request(RequestType.EnableService), SmartOn, history);

    static ActivityReport Report(ActivityKind kind, ActivityResult result) => new("REQ-1.1", kind, result);
}
