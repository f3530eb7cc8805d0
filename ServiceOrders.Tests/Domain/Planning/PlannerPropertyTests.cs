using System.Collections.Concurrent;
using System.Reflection;
using CsCheck;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>
/// Runs orders of every request type, from every kind of starting state, against crews and head-ends that answer at
/// random (success, failure, no answer, rejection, or a success that reports a surprise), with operators who retry or
/// record work done, and sometimes a cancellation; then checks what must hold whatever happens.
/// </summary>
public class PlannerPropertyTests
{
    const int Iterations = 3000;

    public enum Outcome
    {
        Success,
        Failed,
        NotDone,
        TimedOut,
        Rejected,

        /// <summary>Succeeded, but the switch was found in another state than planned.</summary>
        SurpriseSwitch,

        /// <summary>Succeeded, and the crew found another meter than registered.</summary>
        SurpriseMeter,
    }

    public enum OperatorAction
    {
        Retry,
        RecordDone,
    }

    /// <summary>How the world answers one activity; <see cref="Switch"/> and <see cref="Class"/> only matter for surprises.</summary>
    public sealed record Answer(Outcome Outcome, SwitchState Switch, MeterClass Class, bool CrewReads);

    public sealed record Case(ServiceOrderRequest Request, ServicePoint Start, PlanningPolicy Policy, Answer[] Answers, OperatorAction[] Operator, int? CancelAfter)
    {
        public override string ToString() =>
            $"{Request.RequestType} (read {Request.ReadKind?.ToString() ?? "-"}, new {Request.NewMeter}) at {Start}; " +
            $"attempts {Policy.MaxCommandAttempts}, disconnect on move-out {Policy.DisconnectOnMoveOut}; " +
            $"answers [{string.Join(", ", Answers.Select(a => a.Outcome is Outcome.SurpriseSwitch ? $"{a.Outcome}:{a.Switch}" : a.Outcome is Outcome.SurpriseMeter ? $"{a.Outcome}:{a.Class}" : a.Outcome.ToString()))}]; " +
            $"operator [{string.Join(", ", Operator)}]; cancel after {CancelAfter?.ToString() ?? "-"}";
    }

    static readonly Gen<ServicePoint> StartingPoints =
        Gen.Select(Gen.Enum<Commodity>(), Gen.Int[0, 4], Gen.Bool, Gen.Enum<SwitchState>(), Gen.Bool, (commodity, shape, commissioned, switchState, interval) => shape switch
        {
            0 => new ServicePoint("SP-1", commodity, Meter: null),
            1 => new ServicePoint("SP-1", commodity, Meter: null, Unmetered: true, ItemSwitch: switchState),
            _ => new ServicePoint("SP-1", commodity, new Meter("M1", (MeterClass)(shape - 2), commissioned, switchState, interval)),
        });

    static Gen<ServiceOrderRequest> Requests(ServicePoint point) =>
        Gen.Select(Gen.Enum<RequestType>(), Gen.OneOf<ReadKind?>(null, ReadKind.Scalar, ReadKind.Interval), Gen.Enum<MeterClass>(), Gen.Bool,
            (type, readKind, newClass, interval) => new ServiceOrderRequest("REQ-1", type, point.ServicePointId, point.Commodity, ReadKind: readKind,
                NewMeter: new MeterFound("M2", newClass, interval)));

    static readonly Gen<PlanningPolicy> Policies =
        Gen.Select(Gen.Int[1, 4], Gen.Bool, (attempts, disconnect) => new PlanningPolicy(MaxCommandAttempts: attempts) { DisconnectOnMoveOut = disconnect });

    static Gen<Answer> Answers(bool surprises) =>
        Gen.Select(
            Gen.Frequency(
            [
                (6, Outcome.Success), (1, Outcome.Failed), (1, Outcome.NotDone), (1, Outcome.TimedOut), (1, Outcome.Rejected),
                .. surprises ? [(1, Outcome.SurpriseSwitch), (1, Outcome.SurpriseMeter)] : Array.Empty<(int, Outcome)>(),
            ]),
            Gen.Enum<SwitchState>(), Gen.Enum<MeterClass>(), Gen.Bool,
            (outcome, switchState, meterClass, crewReads) => new Answer(outcome, switchState, meterClass, crewReads));

    static Gen<Case> Cases(bool surprises) =>
        from start in StartingPoints
        from request in Requests(start)
        from policy in Policies
        from answers in Answers(surprises).Array[1, 30]
        from operatorActions in Gen.Enum<OperatorAction>().Array[0, 3]
        from cancelAfter in Gen.Int[-24, 8].Select(i => i < 0 ? null : (int?)i)
        select new Case(request, start, policy, answers, operatorActions, cancelAfter);

    /// <summary>Every case of a world where everything goes as planned (crews may or may not bring readings).</summary>
    static readonly Gen<Case> PlannedCases =
        from start in StartingPoints
        from request in Requests(start)
        from policy in Policies
        from crewReads in Gen.Bool.Array[1, 8]
        from cancelAfter in Gen.Int[-8, 4].Select(i => i < 0 ? null : (int?)i)
        select new Case(request, start, policy, [.. crewReads.Select(r => new Answer(Outcome.Success, SwitchState.Unknown, MeterClass.Manual, r))], [], cancelAfter);

    static readonly HashSet<string> KnownReasonCodes = typeof(ReasonCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToHashSet();

    [Fact]
    public void EveryOrder_EndsWithinItsBoundInTheGoalOrWithANamedReason()
    {
        Cases(surprises: true).Sample(c =>
        {
            var (order, end, operatorActs) = Simulate(c);

            Assert.True(order.Steps.Count <= (operatorActs + 1) * c.Policy.MaxSteps,
                $"{order.Steps.Count} activities after {operatorActs} operator actions: {string.Join(", ", order.Kinds)}");
            switch (end)
            {
                case GoalReached goal:
                    Assert.False(string.IsNullOrWhiteSpace(goal.Summary));
                    break;
                case CannotProceed stuck:
                    Assert.Contains(stuck.ReasonCode, KnownReasonCodes);
                    Assert.False(string.IsNullOrWhiteSpace(stuck.Detail));
                    break;
                default:
                    Assert.Fail($"Ended with {end}");
                    break;
            }
        }, iter: Iterations);
    }

    [Fact]
    public void NoOrder_OpensAGasValveRemotelyOrCommandsAMeterThatTakesNoCommands()
    {
        Cases(surprises: true).Sample(c =>
        {
            var (order, _, _) = Simulate(c);

            foreach (var (before, activity) in order.Steps.Where(s => ActivityKinds.ChannelOf(s.Activity.Kind) == ActivityChannel.Command).Select(s => (s.Before, s.Activity)))
            {
                Assert.False(before.Commodity == Commodity.Gas && activity.Kind == ActivityKind.RemoteConnect, "A gas valve was opened remotely.");
                Assert.True(before.Meter is { Class: MeterClass.Smart } || (before.Meter is { Class: MeterClass.Amr } && activity.Kind == ActivityKind.ReadScalar),
                    $"{activity.Kind} was sent to {before.Meter?.ToString() ?? "no meter"}.");
                Assert.True(activity.Kind == ActivityKind.ActivateDevice || before.Meter!.Class == MeterClass.Amr || before.Meter.Commissioned,
                    $"{activity.Kind} was sent to a meter the head-end does not know.");
            }
        }, iter: Iterations);
    }

    [Fact]
    public void AFailedCommand_IsRetriedAfterADoublingBackOffUntilItsTriesRunOut()
    {
        Cases(surprises: true).Sample(c =>
        {
            var (order, _, _) = Simulate(c);

            foreach (var step in order.Steps)
            {
                // The failures of this kind since it last succeeded, counted from the operator's last retry.
                var failures = order.History.Take(step.At).Skip(step.CountFrom).Reverse()
                    .Where(r => r.Kind == step.Activity.Kind).TakeWhile(r => !r.Succeeded).ToList();
                var isRetry = ActivityKinds.ChannelOf(step.Activity.Kind) == ActivityChannel.Command
                    && step.At > step.CountFrom && order.History[step.At - 1] is { Succeeded: false } last && last.Kind == step.Activity.Kind;

                if (isRetry)
                {
                    Assert.True(failures.Count < c.Policy.MaxCommandAttempts, $"{step.Activity.Kind} tried after {failures.Count} failures");
                    Assert.DoesNotContain(failures, r => r.Result == ActivityResult.Rejected);
                    Assert.Equal(c.Policy.CommandRetryBackoff * Math.Pow(2, failures.Count - 1), step.Activity.Delay);
                }
                else
                {
                    Assert.Equal(TimeSpan.Zero, step.Activity.Delay);
                }
            }
        }, iter: Iterations);
    }

    [Fact]
    public void SuccessfulActivities_NeverBringTheServicePointBackToAStateItLeft()
    {
        // Surprises are left out: a world that flips a switch back and forth by itself oscillates whatever the planner does.
        Cases(surprises: false).Sample(c =>
        {
            var (order, _, _) = Simulate(c);

            var cancelledAt = c.CancelAfter is { } k && order.Cancelled ? k : order.History.Count;
            AssertNoStateRevisited(order.Start, order.History.Take(cancelledAt));
        }, iter: Iterations);
    }

    [Fact]
    public void WhenEverythingGoesAsPlanned_EveryPossibleOrderReachesItsGoalWithoutRepeatingAnActivity()
    {
        var reached = new ConcurrentDictionary<RequestType, int>();
        PlannedCases.Sample(c =>
        {
            var possible = ServiceOrderPlanner.Preconditions(new OrderSituation(c.Request, c.Start, [])).Count == 0;
            var (order, end, _) = Simulate(c with { CancelAfter = null });

            if (!possible)
            {
                return;
            }

            Assert.IsType<GoalReached>(end);
            Assert.True(GoalHolds(c, order), $"The goal does not hold: {order.Point}; {string.Join(", ", order.Kinds)}");
            Assert.Equal(order.Kinds.Count, order.Kinds.Distinct().Count());
            Assert.True(order.Steps.Count <= 4, string.Join(", ", order.Kinds));
            reached.AddOrUpdate(c.Request.RequestType, 1, (_, n) => n + 1);
        }, iter: Iterations);

        // Not a vacuous pass: every request type reached its goal from some starting state.
        Assert.Equal(Enum.GetValues<RequestType>().Order(), reached.Keys.Order());
    }

    [Fact]
    public void WhenEverythingGoesAsPlanned_ACancelledDisconnectLeavesServiceAsTheOrderFoundIt()
    {
        var undone = 0;
        PlannedCases.Where(c => c.CancelAfter is not null).Sample(c =>
        {
            if (ServiceOrderPlanner.Preconditions(new OrderSituation(c.Request, c.Start, [])).Count > 0)
            {
                return;
            }

            var (order, end, _) = Simulate(c);

            Assert.IsType<GoalReached>(end);
            if (!order.Cancelled)
            {
                return;
            }

            var atCancel = order.History.Take(c.CancelAfter!.Value).Aggregate(order.Start, (p, r) => p.Apply(r));
            if (c.Request.RequestType is RequestType.CutForNonPayment or RequestType.DisableService && c.Start.IsOn)
            {
                Assert.True(order.Point.IsOn, $"Left {order.Point.Switch} after {string.Join(", ", order.Kinds)}");
                if (!atCancel.IsOn)
                {
                    Interlocked.Increment(ref undone);
                }
            }
            else
            {
                Assert.Equal(atCancel, order.Point);
            }
        }, iter: Iterations);

        Assert.True(undone > 0, "No cancellation had anything to undo.");
    }

    /// <summary>
    /// Plays one case: the planner decides, the world answers from the case's list of answers (round and round), an
    /// operator acts on each stop while the case has actions left, and the order may be cancelled after some activities.
    /// </summary>
    static (SimulatedOrder Order, NextStep End, int OperatorActs) Simulate(Case c)
    {
        var order = new SimulatedOrder(c.Request, c.Start, new RandomWorld(c.Answers), c.Policy);
        var operatorActs = 0;
        for (var decisions = 0; decisions < 10_000; decisions++)
        {
            if (c.CancelAfter == order.History.Count && !order.Cancelled)
            {
                order.Cancel();
            }

            var next = order.Step();
            if (next is PerformActivity)
            {
                continue;
            }

            if (next is CannotProceed && operatorActs < c.Operator.Length)
            {
                if (c.Operator[operatorActs++] == OperatorAction.RecordDone && order.CurrentActivity is { } stuckOn)
                {
                    order.RecordDone(stuckOn);
                }
                else
                {
                    order.Retry();
                }

                continue;
            }

            return (order, next, operatorActs);
        }

        throw new InvalidOperationException($"The order never ended: {string.Join(", ", order.Kinds)}");
    }

    /// <summary>The goal of each request type, written from the request types' table, independently of the planner.</summary>
    static bool GoalHolds(Case c, SimulatedOrder order)
    {
        var (start, end, history) = (c.Start, order.Point, order.History);
        var read = history.Any(r => r.Succeeded && (ActivityKinds.IsRead(r.Kind) || r.ReadingsOrEmpty.Count > 0));
        var served = end.Switch is SwitchState.Connected or SwitchState.Armed;
        var commissionedIfSmart = end.Meter is not { Class: MeterClass.Smart, Commissioned: false };
        return c.Request.RequestType switch
        {
            RequestType.EnableService => end.Meter is not null && served && commissionedIfSmart && read,
            RequestType.DisableService => read && (!c.Policy.DisconnectOnMoveOut || end.Switch == SwitchState.Disconnected),
            RequestType.CutForNonPayment => end.Switch == SwitchState.Disconnected,
            RequestType.ReconnectForPayment => served,
            RequestType.ExchangeMeter => end.Meter is { } meter && meter.MeterId != start.Meter!.MeterId && commissionedIfSmart
                && (start.Switch == SwitchState.Connected ? served : end.Switch != SwitchState.Connected),
            RequestType.InstallMeter => end.Meter is not null && commissionedIfSmart && read,
            RequestType.RemoveMeter => end.Meter is null,
            RequestType.ReadMeter => read && (c.Request.ReadKind != ReadKind.Interval || start.Meter is not { AcceptsCommands: true }
                || history.Any(r => r.ReadingsOrEmpty.Any(x => x.Kind == ReadKind.Interval))),
            RequestType.DeviceStatusCheck => history.Any(r => r.Succeeded && r.Kind == ActivityKind.Ping),
            RequestType.Investigate => history.Any(r => r.Succeeded && r.Kind == ActivityKind.Investigate),
            RequestType.BackToBack => read && end.Switch == start.Switch,
            RequestType.EnableUnmeteredItem => end.ItemSwitch == SwitchState.Connected,
            RequestType.DisableUnmeteredItem => end.ItemSwitch == SwitchState.Disconnected,
            _ => false,
        };
    }

    /// <summary>The states a service point passes through (readings aside) never repeat once it has left them.</summary>
    static void AssertNoStateRevisited(ServicePoint start, IEnumerable<ActivityReport> history)
    {
        var seen = new List<object>();
        var point = start;
        foreach (var state in history.Select(r => point = point.Apply(r)).Prepend(start).Select(Shape))
        {
            if (seen.Count > 0 && seen[^1].Equals(state))
            {
                continue;
            }

            Assert.DoesNotContain(state, seen);
            seen.Add(state);
        }
    }

    static object Shape(ServicePoint p) => (p.Meter?.MeterId, p.Meter?.Class, p.Meter?.Commissioned, p.Switch, p.ItemSwitch);

    /// <summary>Crews and head-ends that answer each activity with the next answer of the case, round and round.</summary>
    sealed class RandomWorld(Answer[] answers) : IWorld
    {
        int next;

        public ActivityReport Perform(ServiceOrderRequest request, ServicePoint point, ActivityKind kind, string activityId)
        {
            var answer = answers[next++ % answers.Length];
            var planned = Given.AsPlanned(request, point, kind, activityId, answer.CrewReads);
            return answer.Outcome switch
            {
                Outcome.Success => planned,
                Outcome.SurpriseSwitch => planned with { Switch = answer.Switch },
                Outcome.SurpriseMeter => planned with { InstalledMeter = new MeterFound($"X{next}", answer.Class, IntervalCapable: true) },
                Outcome.Failed => new ActivityReport(activityId, kind, ActivityResult.Failed, Detail: "Failed"),
                Outcome.NotDone => new ActivityReport(activityId, kind, ActivityResult.NotDone, Detail: "No access"),
                Outcome.TimedOut => new ActivityReport(activityId, kind, ActivityResult.TimedOut),
                _ => new ActivityReport(activityId, kind, ActivityResult.Rejected, Detail: "Rejected"),
            };
        }
    }
}
