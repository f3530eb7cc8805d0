using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>
/// Runs the planner against a world that carries out every activity, from every starting state an enable-service
/// order can meet, and checks that each order ends in its goal within the step bound and never repeats itself; and that
/// a first activity that fails stops the order (field work) or is tried again (a command).
/// </summary>
public class EnableServiceProcessPropertyTests
{
    static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<Commodity, MeterClass?, bool, SwitchState, ReadKind?> StartingStates()
    {
        var data = new TheoryData<Commodity, MeterClass?, bool, SwitchState, ReadKind?>();
        foreach (var commodity in Enum.GetValues<Commodity>())
        {
            foreach (var meterClass in Enum.GetValues<MeterClass>().Cast<MeterClass?>().Append(null))
            {
                foreach (var commissioned in new[] { false, true })
                {
                    foreach (var switchState in Enum.GetValues<SwitchState>())
                    {
                        foreach (var readKind in new ReadKind?[] { null, ReadKind.Scalar, ReadKind.Interval })
                        {
                            data.Add(commodity, meterClass, commissioned, switchState, readKind);
                        }
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StartingStates))]
    public void WhenEveryActivitySucceeds_TheOrderReachesItsGoalWithoutRepeatingAnActivity(
        Commodity commodity, MeterClass? meterClass, bool commissioned, SwitchState switchState, ReadKind? readKind)
    {
        var point = new ServicePoint("SP-1", commodity, meterClass is { } c ? new Meter("M1", c, commissioned, switchState, IntervalCapable: true) : null);
        var request = new ServiceOrderRequest("REQ-1", RequestType.EnableService, "SP-1", commodity, ReadKind: readKind,
            NewMeter: new MeterFound("M2", MeterClass.Smart));
        var history = new List<ActivityReport>();

        NextStep next;
        while ((next = ServiceOrderPlanner.Decide(new OrderSituation(request, point, history))) is PerformActivity activity)
        {
            var report = PerfectWorld(request, activity.Kind, $"REQ-1.{history.Count + 1}");
            history.Add(report);
            point = point.Apply(report);
            Assert.True(history.Count <= PlanningPolicy.Default.MaxSteps);
        }

        Assert.IsType<GoalReached>(next);
        // An armed switch is as far as the utility goes: the customer closes it.
        Assert.True(point.Switch is SwitchState.Connected or SwitchState.Armed);
        Assert.NotNull(point.Meter);
        Assert.Equal(history.Count, history.Select(h => h.Kind).Distinct().Count());
        Assert.True(history.Count <= 4, $"{history.Count} activities: {string.Join(", ", history.Select(h => h.Kind))}");
        if (commodity == Commodity.Gas)
        {
            Assert.DoesNotContain(history, h => h.Kind == ActivityKind.RemoteConnect);
        }
    }

    [Theory]
    [MemberData(nameof(StartingStates))]
    public void WhenTheFirstActivityFails_FieldWorkStopsWithANamedReasonAndACommandIsTriedAgain(
        Commodity commodity, MeterClass? meterClass, bool commissioned, SwitchState switchState, ReadKind? readKind)
    {
        var point = new ServicePoint("SP-1", commodity, meterClass is { } c ? new Meter("M1", c, commissioned, switchState) : null);
        var request = new ServiceOrderRequest("REQ-1", RequestType.EnableService, "SP-1", commodity, ReadKind: readKind);
        var first = ServiceOrderPlanner.Decide(new OrderSituation(request, point, []));
        if (first is not PerformActivity activity)
        {
            Assert.IsType<GoalReached>(first);
            return;
        }

        foreach (var (result, fieldReason) in new[]
        {
            (ActivityResult.Failed, ReasonCodes.ActivityFailed),
            (ActivityResult.NotDone, ReasonCodes.FieldWorkNotDone),
            (ActivityResult.TimedOut, ReasonCodes.FieldWorkOverdue),
        })
        {
            var report = new ActivityReport("REQ-1.1", activity.Kind, result);
            var next = ServiceOrderPlanner.Decide(new OrderSituation(request, point.Apply(report), [report]));

            if (ActivityKinds.ChannelOf(activity.Kind) == ActivityChannel.Field)
            {
                Assert.Equal(fieldReason, Assert.IsType<CannotProceed>(next).ReasonCode);
            }
            else
            {
                var retry = Assert.IsType<PerformActivity>(next);
                Assert.Equal(activity.Kind, retry.Kind);
                Assert.Equal(PlanningPolicy.Default.CommandRetryBackoff, retry.Delay);
            }
        }
    }

    /// <summary>What a crew or head-end reports when the activity goes as planned.</summary>
    static ActivityReport PerfectWorld(ServiceOrderRequest request, ActivityKind kind, string id)
    {
        var reading = new Reading("1.8.0", 100, "kWh", At, kind == ActivityKind.ReadInterval ? ReadKind.Interval : ReadKind.Scalar);
        return kind switch
        {
            ActivityKind.InstallMeter => new ActivityReport(id, kind, ActivityResult.Succeeded, SwitchState.Disconnected,
                InstalledMeter: request.NewMeter ?? new MeterFound("M2", MeterClass.Smart)),
            ActivityKind.RemoteConnect or ActivityKind.TurnOn or ActivityKind.Relight =>
                new ActivityReport(id, kind, ActivityResult.Succeeded, SwitchState.Connected, kind == ActivityKind.RemoteConnect ? null : [reading]),
            ActivityKind.ReadScalar or ActivityKind.ReadInterval or ActivityKind.FieldRead =>
                new ActivityReport(id, kind, ActivityResult.Succeeded, Readings: [reading]),
            _ => new ActivityReport(id, kind, ActivityResult.Succeeded),
        };
    }
}
