using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Tests.Domain.Planning;

public class EnableServicePlannerTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    static ServiceOrderRequest Request(Commodity commodity = Commodity.Electric, ReadKind? readKind = null) =>
        new("REQ-1", RequestType.EnableService, "SP-1", commodity, ReadKind: readKind);

    static NextStep Decide(ServicePoint point, params ActivityReport[] history) =>
        ServiceOrderPlanner.Decide(new OrderSituation(Request(point.Commodity), point, history));

    [Fact]
    public void WhenNoMeterIsInstalled_SendsACrewToInstallOne()
    {
        var next = Decide(new ServicePoint("SP-1", Commodity.Electric, Meter: null));

        Assert.Equal(ActivityKind.InstallMeter, Assert.IsType<PerformActivity>(next).Kind);
    }

    [Fact]
    public void WhenTheHeadEndDoesNotKnowTheSmartMeter_ActivatesIt()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Smart, Commissioned: false, SwitchState.Disconnected));

        Assert.Equal(ActivityKind.ActivateDevice, Assert.IsType<PerformActivity>(Decide(point)).Kind);
    }

    [Theory]
    [InlineData(Commodity.Electric, MeterClass.Smart, true, ActivityKind.RemoteConnect)]
    [InlineData(Commodity.Water, MeterClass.Smart, true, ActivityKind.RemoteConnect)]
    [InlineData(Commodity.Gas, MeterClass.Smart, true, ActivityKind.Relight)]
    [InlineData(Commodity.Electric, MeterClass.Amr, false, ActivityKind.TurnOn)]
    [InlineData(Commodity.Electric, MeterClass.Manual, false, ActivityKind.TurnOn)]
    [InlineData(Commodity.Gas, MeterClass.Manual, false, ActivityKind.Relight)]
    public void WhenServiceIsOff_TurnsItOnTheWayTheMeterAndCommodityAllow(Commodity commodity, MeterClass meterClass, bool commissioned, ActivityKind expected)
    {
        var point = new ServicePoint("SP-1", commodity, new Meter("M1", meterClass, commissioned, SwitchState.Disconnected));

        Assert.Equal(expected, Assert.IsType<PerformActivity>(Decide(point)).Kind);
    }

    [Theory]
    [InlineData(MeterClass.Smart, true, false, null, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Smart, true, true, ReadKind.Interval, ActivityKind.ReadInterval)]
    [InlineData(MeterClass.Smart, true, false, ReadKind.Interval, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Amr, false, false, null, ActivityKind.ReadScalar)]
    [InlineData(MeterClass.Manual, false, false, null, ActivityKind.FieldRead)]
    public void WhenServiceIsOnButNoStartReadingWasTaken_ReadsTheMeter(MeterClass meterClass, bool commissioned, bool interval, ReadKind? readKind, ActivityKind expected)
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", meterClass, commissioned, SwitchState.Connected, interval));

        var next = ServiceOrderPlanner.Decide(new OrderSituation(Request(readKind: readKind), point, []));

        Assert.Equal(expected, Assert.IsType<PerformActivity>(next).Kind);
    }

    [Fact]
    public void AReadingTakenBeforeServiceWasTurnedOn_IsNotAStartReading()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Smart, true, SwitchState.Connected));
        var history = new[]
        {
            new ActivityReport("REQ-1.1", ActivityKind.ReadScalar, ActivityResult.Succeeded, Readings: [new Reading("1.8.0", 10, "kWh", At)]),
            new ActivityReport("REQ-1.2", ActivityKind.RemoteConnect, ActivityResult.Succeeded, SwitchState.Connected),
        };

        Assert.Equal(ActivityKind.ReadScalar, Assert.IsType<PerformActivity>(Decide(point, history)).Kind);
    }

    [Fact]
    public void AReadingTakenBeforeAnotherActivityReportedTheSwitchArmed_IsNotAStartReading()
    {
        // The head-end answered the activation with the switch armed: service may flow from then on, so the reading the
        // crew took at the install is from before.
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M2", MeterClass.Smart, true, SwitchState.Armed));
        var history = new[]
        {
            new ActivityReport("REQ-1.1", ActivityKind.InstallMeter, ActivityResult.Succeeded, Readings: [new Reading("1.8.0", 10, "kWh", At)],
                InstalledMeter: new MeterFound("M2", MeterClass.Smart)),
            new ActivityReport("REQ-1.2", ActivityKind.ActivateDevice, ActivityResult.Succeeded, SwitchState.Armed),
        };

        Assert.Equal(ActivityKind.ReadScalar, Assert.IsType<PerformActivity>(Decide(point, history)).Kind);
    }

    [Fact]
    public void ACrewThatTurnsServiceOnAndReadsTheMeter_ReachesTheGoalInOneVisit()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Manual, false, SwitchState.Connected));
        var turnOn = new ActivityReport("REQ-1.1", ActivityKind.TurnOn, ActivityResult.Succeeded, SwitchState.Connected, [new Reading("1.8.0", 10, "kWh", At)]);

        Assert.IsType<GoalReached>(Decide(point, turnOn));
    }

    [Fact]
    public void AFailedFieldActivity_StopsTheOrderWithTheReason()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Manual, false, SwitchState.Disconnected));
        var failed = new ActivityReport("REQ-1.1", ActivityKind.TurnOn, ActivityResult.Failed, Detail: "Crew system error");

        var stuck = Assert.IsType<CannotProceed>(Decide(point, failed));

        Assert.Equal(ReasonCodes.ActivityFailed, stuck.ReasonCode);
        Assert.Contains("TurnOn", stuck.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AnActivityThatKeepsSucceedingWithoutEffect_IsCalledNoProgress()
    {
        // The head-end says the connect worked, but the meter keeps reporting the switch open.
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Smart, true, SwitchState.Disconnected));
        var noEffect = new ActivityReport("REQ-1.1", ActivityKind.RemoteConnect, ActivityResult.Succeeded, SwitchState.Disconnected);

        var stuck = Assert.IsType<CannotProceed>(Decide(point, noEffect, noEffect with { ActivityId = "REQ-1.2" }));

        Assert.Equal(ReasonCodes.NoProgress, stuck.ReasonCode);
    }

    [Fact]
    public void AnOrderAtItsStepBound_Stops()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, Meter: null);
        var history = Enumerable.Range(1, 3)
            .Select(i => new ActivityReport($"REQ-1.{i}", ActivityKind.Investigate, ActivityResult.Succeeded))
            .ToArray();

        var next = ServiceOrderPlanner.Decide(new OrderSituation(Request(), point, history) { Policy = new PlanningPolicy(MaxSteps: 3) });

        Assert.Equal(ReasonCodes.StepBoundReached, Assert.IsType<CannotProceed>(next).ReasonCode);
    }

    [Fact]
    public void AMoveInAtASmartMeterTheHeadEndDoesNotKnow_CommissionsConnectsAndReads()
    {
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected, commissioned: false));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ActivateDevice, ActivityKind.RemoteConnect, ActivityKind.ReadScalar], order.Kinds);
    }

    [Fact]
    public void AnActivationThatKeepsFailing_LeavesTheMeterToACrew()
    {
        var world = new FakeWorld { CrewsRead = false }.Answers(ActivityKind.ActivateDevice, ActivityResult.Failed, times: 3);
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected, commissioned: false), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal(
            [ActivityKind.ActivateDevice, ActivityKind.ActivateDevice, ActivityKind.ActivateDevice, ActivityKind.TurnOn, ActivityKind.FieldRead],
            order.Kinds);
    }

    [Fact]
    public void ARejectedRemoteConnect_SendsACrewWhoTurnsOnAndReads()
    {
        var world = new FakeWorld().Answers(ActivityKind.RemoteConnect, ActivityResult.Rejected);
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart, switchState: SwitchState.Disconnected), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.RemoteConnect, ActivityKind.TurnOn], order.Kinds);
    }

    [Fact]
    public void AStartReadThatKeepsFailing_IsTakenByACrew()
    {
        var world = new FakeWorld().Answers(ActivityKind.ReadScalar, ActivityResult.Failed, times: 3);
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ReadScalar, ActivityKind.ReadScalar, ActivityKind.ReadScalar, ActivityKind.FieldRead], order.Kinds);
    }

    [Fact]
    public void AMoveInAtASmartGasMeter_IsCommissionedRemotelyAndRelitByACrew()
    {
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart, Commodity.Gas, SwitchState.Disconnected, commissioned: false));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ActivateDevice, ActivityKind.Relight], order.Kinds);
    }

    [Fact]
    public void ACrewThatFindsAnotherSmartMeter_IsFollowedByItsCommissioning()
    {
        var world = new FakeWorld().Answers(ActivityKind.TurnOn, r => r with { InstalledMeter = new MeterFound("M7", MeterClass.Smart) });
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Manual, switchState: SwitchState.Disconnected), world);

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.TurnOn, ActivityKind.ActivateDevice], order.Kinds);
        Assert.True(order.Point.Meter is { MeterId: "M7", Commissioned: true, Switch: SwitchState.Connected });
    }

    [Fact]
    public void AnArmedElectricSwitch_IsLeftForTheCustomerToClose()
    {
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart, switchState: SwitchState.Armed));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.ReadScalar], order.Kinds);
    }

    [Fact]
    public void AGasValveReportedArmed_IsStillOpenedByACrew()
    {
        var order = Given.Order(RequestType.EnableService, Given.Point(MeterClass.Smart, Commodity.Gas, SwitchState.Armed));

        Assert.IsType<GoalReached>(order.Run());

        Assert.Equal([ActivityKind.Relight], order.Kinds);
    }

    [Fact]
    public void ARequestForAnotherCommodityThanTheServicePoint_FailsItsPreconditions()
    {
        var point = new ServicePoint("SP-1", Commodity.Gas, Meter: null);

        var errors = ServiceOrderPlanner.Preconditions(new OrderSituation(Request(Commodity.Electric), point, []));

        Assert.Contains(errors, e => e.Code == ReasonCodes.CommodityMismatch);
    }

    [Fact]
    public void ARequestNamingAnotherMeterThanTheRegistry_FailsItsPreconditions()
    {
        var point = new ServicePoint("SP-1", Commodity.Electric, new Meter("M1", MeterClass.Smart, true, SwitchState.Connected));
        var request = Request() with { MeterId = "M2" };

        var errors = ServiceOrderPlanner.Preconditions(new OrderSituation(request, point, []));

        Assert.Contains(errors, e => e.Field == "meterId");
    }
}
