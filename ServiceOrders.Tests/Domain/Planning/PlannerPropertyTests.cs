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
/// random (success, failure, no answer, rejection, or a success that reports a surprise: another switch state, another
/// meter, no readings, readings of the other kind), with operators who retry or record work done, and sometimes a
/// cancellation; then checks what must hold whatever happens: above all, that an order completes only when its goal
/// holds in the final state.
/// </summary>
public class PlannerPropertyTests
{
    const int Iterations = 3000;

    /// <summary>Orders the goal test plays: more than the other properties, as it is the planner's promise; about a second.</summary>
    const int GoalIterations = 100_000;

    public enum Outcome
    {
        Success,
        Failed,
        NotDone,
        TimedOut,
        Rejected,

        /// <summary>Succeeded, but the switch was found in another state than planned.</summary>
        SurpriseSwitch,

        /// <summary>Succeeded, and the crew found (or installed) another meter than registered or asked for.</summary>
        SurpriseMeter,

        /// <summary>Succeeded, but brought no readings back, not even a read.</summary>
        NoReadings,

        /// <summary>Succeeded, but its readings are of the other kind (interval data for registers, or the other way round).</summary>
        OtherReadKind,
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
                (1, Outcome.NoReadings), (1, Outcome.OtherReadKind),
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

    /// <summary>
    /// The promise of the planner, over the whole space: whatever the start and whatever crews and head-ends report, an
    /// order ends within its bound, either with its goal holding in the final state (checked twice: by the domain's
    /// <see cref="Goals"/>, and by this test's own reading of the final state and the readings the order took), or in
    /// exceptions with a known reason code.
    /// </summary>
    [Fact]
    public void EveryOrder_EndsWithinItsBound_WithItsGoalHoldingInTheFinalStateOrWithANamedReason()
    {
        var ends = new ConcurrentDictionary<(RequestType, string), int>();
        Cases(surprises: true).Sample(c =>
        {
            var (order, end, operatorActs) = Simulate(c);

            Assert.True(order.Steps.Count <= (operatorActs + 1) * c.Policy.MaxSteps,
                $"{order.Steps.Count} activities after {operatorActs} operator actions: {string.Join(", ", order.Kinds)}");
            AssertEndsInGoalOrWithAReason(c, order, end);
            ends.AddOrUpdate((c.Request.RequestType, HowItEnded(end)), 1, (_, n) => n + 1);
        }, iter: GoalIterations);

        // Not a vacuous pass: every request type reached its goal in spite of surprises, and went to exceptions too.
        Assert.All(Enum.GetValues<RequestType>(), type =>
        {
            Assert.True(ends.ContainsKey((type, "goal")), $"No {type} order reached its goal.");
            Assert.True(ends.Keys.Any(k => k.Item1 == type && k.Item2 != "goal"), $"No {type} order went to exceptions.");
        });
    }

    /// <summary>
    /// The same promise, walked systematically rather than at random: every request type, at every kind of service point
    /// (no meter, an unmetered item on or off, a smart meter commissioned or not, an AMR or a manual meter, each with its
    /// switch on, off, armed or unknown) of every commodity, with every meter a request can name and every read kind, and
    /// crews and head-ends that do what they are asked (bringing readings from their switching or not) except for one
    /// activity among the first four, which fails, is not done, gets no answer, is rejected, brings no readings or
    /// readings of the other kind, leaves the switch in each state, or reports each class of meter other than planned.
    /// </summary>
    [Fact]
    public void EveryRequestMeterCommodityAndStart_WithAnyOneReportOtherThanPlanned_EndsWithItsGoalHoldingOrWithANamedReason()
    {
        Answer Planned(bool crewReads) => new(Outcome.Success, SwitchState.Unknown, MeterClass.Manual, crewReads);
        var surprises = new[] { Outcome.Failed, Outcome.NotDone, Outcome.TimedOut, Outcome.Rejected, Outcome.NoReadings, Outcome.OtherReadKind }
            .Select(o => new Answer(o, SwitchState.Unknown, MeterClass.Manual, true))
            .Concat(Enum.GetValues<SwitchState>().Select(s => new Answer(Outcome.SurpriseSwitch, s, MeterClass.Manual, true)))
            .Concat(Enum.GetValues<MeterClass>().Select(m => new Answer(Outcome.SurpriseMeter, SwitchState.Unknown, m, true)))
            .ToList();
        var scripts = new[] { true, false }.SelectMany(crewReads =>
            Enumerable.Range(0, 4).SelectMany(at => surprises.Select(surprise =>
                Enumerable.Range(0, PlanningPolicy.Default.MaxSteps).Select(i => i == at ? surprise : Planned(crewReads)).ToArray()))
            .Prepend(Enumerable.Repeat(Planned(crewReads), PlanningPolicy.Default.MaxSteps).ToArray()))
            .ToList();

        var starts = Enum.GetValues<Commodity>().SelectMany(commodity => new[]
            {
                new ServicePoint("SP-1", commodity, Meter: null),
                new ServicePoint("SP-1", commodity, Meter: null, Unmetered: true, ItemSwitch: SwitchState.Connected),
                new ServicePoint("SP-1", commodity, Meter: null, Unmetered: true, ItemSwitch: SwitchState.Disconnected),
            }
            .Concat(
                from meter in new[] { (MeterClass.Smart, true), (MeterClass.Smart, false), (MeterClass.Amr, false), (MeterClass.Manual, false) }
                from switchState in Enum.GetValues<SwitchState>()
                select new ServicePoint("SP-1", commodity, new Meter("M1", meter.Item1, meter.Item2, switchState, IntervalCapable: true))));

        var requests = Enum.GetValues<RequestType>().SelectMany(type => type switch
        {
            RequestType.EnableService or RequestType.InstallMeter or RequestType.ExchangeMeter =>
                Enum.GetValues<MeterClass>().Select(m => (Type: type, ReadKind: (ReadKind?)null, NewMeter: (MeterFound?)new MeterFound("M2", m, IntervalCapable: true), Policy: PlanningPolicy.Default)),
            RequestType.ReadMeter => new ReadKind?[] { null, ReadKind.Scalar, ReadKind.Interval }.Select(k => (Type: type, ReadKind: k, NewMeter: (MeterFound?)null, Policy: PlanningPolicy.Default)),
            RequestType.DisableService => new[] { true, false }.Select(d => (Type: type, ReadKind: (ReadKind?)null, NewMeter: (MeterFound?)null, Policy: PlanningPolicy.Default with { DisconnectOnMoveOut = d })),
            _ => [(Type: type, ReadKind: (ReadKind?)null, NewMeter: (MeterFound?)null, Policy: PlanningPolicy.Default)],
        });

        var cases = (
            from start in starts
            from request in requests
            from script in scripts
            select new Case(new ServiceOrderRequest("REQ-1", request.Type, "SP-1", start.Commodity, ReadKind: request.ReadKind, NewMeter: request.NewMeter),
                start, request.Policy, script, [], null)).ToList();

        var ends = new ConcurrentDictionary<(RequestType, string), int>();
        var newMetersSwitchedOffAgain = 0;
        Parallel.ForEach(cases, c =>
        {
            var (order, end, _) = Simulate(c);
            AssertEndsInGoalOrWithAReason(c, order, end);

            // Orders the intake would reject are walked too (the planner must still answer), and counted apart.
            var rejected = ServiceOrderPlanner.Preconditions(new OrderSituation(c.Request, c.Start, [])).Count > 0;
            ends.AddOrUpdate((c.Request.RequestType, rejected ? $"rejected, then {HowItEnded(end)}" : HowItEnded(end)), 1, (_, n) => n + 1);
            if (end is GoalReached && c.Request.RequestType is RequestType.ExchangeMeter or RequestType.InstallMeter
                && order.Kinds.Any(k => k is ActivityKind.RemoteDisconnect or ActivityKind.TurnOff))
            {
                Interlocked.Increment(ref newMetersSwitchedOffAgain);
            }
        });

        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"{cases.Count} orders; {newMetersSwitchedOffAgain} new meters left on were switched off again.");
        foreach (var type in Enum.GetValues<RequestType>())
        {
            output?.WriteLine($"{type}: {string.Join(", ", ends.Where(e => e.Key.Item1 == type).OrderByDescending(e => e.Value).Select(e => $"{e.Key.Item2} {e.Value}"))}");
        }

        Assert.All(Enum.GetValues<RequestType>(), type => Assert.True(ends.ContainsKey((type, "goal")), $"No {type} order reached its goal."));
        Assert.True(newMetersSwitchedOffAgain > 0, "No new meter left on was switched off again.");
        Assert.True(cases.Count > 100_000, $"Only {cases.Count} cases were walked.");
    }

    /// <summary>What every order must end with: its goal holding, or a known reason code and words for a person.</summary>
    static void AssertEndsInGoalOrWithAReason(Case c, SimulatedOrder order, NextStep end)
    {
        switch (end)
        {
            case GoalReached goal:
                Assert.False(string.IsNullOrWhiteSpace(goal.Summary));
                if (order.Cancelled)
                {
                    // A cancelled order's goal is to undo a disconnect it made, nothing else.
                    Assert.True(c.Request.RequestType is not (RequestType.CutForNonPayment or RequestType.DisableService) || !c.Start.IsOn
                        || order.Point.Switch is SwitchState.Connected or SwitchState.Armed,
                        $"Cancelled, yet left {order.Point.Switch}: {Describe(c, order)}");
                    break;
                }

                Assert.True(Goals.Hold(order.Situation), $"Goal reached ({goal.Summary}), yet Goals says it does not hold: {Describe(c, order)}");
                var misses = GoalMisses(c, order);
                Assert.True(misses.Count == 0, $"Goal reached ({goal.Summary}), yet {string.Join("; ", misses)}: {Describe(c, order)}");
                break;
            case CannotProceed stuck:
                Assert.Contains(stuck.ReasonCode, KnownReasonCodes);
                Assert.False(string.IsNullOrWhiteSpace(stuck.Detail));
                break;
            default:
                Assert.Fail($"Ended with {end}");
                break;
        }
    }

    static string HowItEnded(NextStep end) => end is CannotProceed stuck ? stuck.ReasonCode : "goal";

    static string Describe(Case c, SimulatedOrder order) =>
        $"{c}; did [{string.Join(", ", order.History.Select(r => $"{r.Kind} {r.Result}{(r.Switch is { } s ? " " + s : "")}{(r.ReadingsOrEmpty.Count > 0 ? " read" : "")}"))}]; ended at {order.Point}";

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
            Assert.Empty(GoalMisses(c, order));
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

    /// <summary>
    /// What the goal of the request still misses in the order's final state, written from README's table of processes
    /// without the domain's helpers: the switch as the registry shows it, the meter, and the readings the CIS is sent
    /// (those of every successful report; an operator who records a read done vouches for it, with or without values).
    /// </summary>
    static List<string> GoalMisses(Case c, SimulatedOrder order)
    {
        var (start, end, history) = (c.Start, order.Point, order.History);
        var misses = new List<string>();
        void Need(bool holds, string what)
        {
            if (!holds)
            {
                misses.Add(what);
            }
        }

        static bool Served(ServicePoint p) => p.Switch == SwitchState.Connected || (p.Switch == SwitchState.Armed && p.Commodity != Commodity.Gas);
        static bool Off(ServicePoint p) => p.Switch == SwitchState.Disconnected;
        static bool Vouched(ActivityReport r) => r.ByOperator && r.Kind is ActivityKind.ReadScalar or ActivityKind.ReadInterval or ActivityKind.FieldRead;
        static bool Read(ActivityReport r) => r.Succeeded && (r.ReadingsOrEmpty.Count > 0 || Vouched(r));

        // The reports from the last one that turned service on (the state went from not served to served); all of them
        // if this order never turned it on.
        var states = new List<ServicePoint> { start };
        foreach (var report in history)
        {
            states.Add(states[^1].Apply(report));
        }

        var lastTurnOn = Enumerable.Range(0, history.Count).LastOrDefault(i => !Served(states[i]) && Served(states[i + 1]), 0);
        var read = history.Any(Read);
        var readSinceOn = history.Skip(lastTurnOn).Any(Read);
        var meter = end.Unmetered ? null : end.Meter;
        var commissionedIfSmart = meter is not { Class: MeterClass.Smart, Commissioned: false };

        switch (c.Request.RequestType)
        {
            case RequestType.EnableService:
                Need(meter is not null, "no meter");
                Need(commissionedIfSmart || history.Any(r => r.Kind == ActivityKind.ActivateDevice && !r.Succeeded), "a smart meter not commissioned, though the head-end never refused");
                Need(Served(end), $"service is {end.Switch}");
                Need(readSinceOn, "no reading since service was turned on");
                break;
            case RequestType.DisableService:
                Need(meter is not null, "no meter");
                Need(read, "no final reading");
                Need(!c.Policy.DisconnectOnMoveOut || Off(end), $"service is {end.Switch}");
                break;
            case RequestType.CutForNonPayment:
                Need(meter is not null, "no meter");
                Need(Off(end), $"service is {end.Switch}");
                Need(read, "no reading");
                break;
            case RequestType.ReconnectForPayment:
                Need(meter is not null, "no meter");
                Need(Served(end), $"service is {end.Switch}");
                Need(readSinceOn, "no reading since service was turned on");
                break;
            case RequestType.ExchangeMeter:
                Need(meter is not null && meter.MeterId != start.Meter?.MeterId, $"the old meter {start.Meter?.MeterId} is still in or none is");
                Need(commissionedIfSmart, "the new smart meter is not commissioned");
                Need(start.Switch switch
                {
                    SwitchState.Unknown => true,
                    SwitchState.Connected => Served(end),
                    SwitchState.Armed when start.Commodity != Commodity.Gas => Served(end),
                    _ => Off(end),
                }, $"service was {start.Switch} and is {end.Switch}");
                break;
            case RequestType.InstallMeter:
                Need(start.Meter is null && meter is not null, "no meter was installed");
                Need(commissionedIfSmart, "the new smart meter is not commissioned");
                Need(Off(end), $"the new meter is {end.Switch}");
                Need(read, "no first reading");
                break;
            case RequestType.RemoveMeter:
                Need(!end.Unmetered && end.Meter is null, $"meter {end.Meter?.MeterId} is in");
                break;
            case RequestType.ReadMeter:
                var kind = c.Request.ReadKind ?? ReadKind.Scalar;
                Need(meter is not null, "no meter");
                Need(history.Any(r => r.Succeeded && (r.ReadingsOrEmpty.Any(x => x.Kind == kind) || Vouched(r))), $"no {kind} reading");
                break;
            case RequestType.DeviceStatusCheck:
                Need(history.Any(r => r.Kind == ActivityKind.Ping), "never pinged");
                break;
            case RequestType.Investigate:
                Need(history.Any(r => r.Succeeded && r.Kind == ActivityKind.Investigate), "no findings");
                break;
            case RequestType.BackToBack:
                Need(meter is not null, "no meter");
                Need(read, "no reading");
                Need(!Off(end), "service is off");
                break;
            case RequestType.EnableUnmeteredItem:
                Need(end.Unmetered && end.ItemSwitch == SwitchState.Connected, $"the item is {end.ItemSwitch}");
                break;
            case RequestType.DisableUnmeteredItem:
                Need(end.Unmetered && end.ItemSwitch == SwitchState.Disconnected, $"the item is {end.ItemSwitch}");
                break;
            default:
                misses.Add($"no goal written for {c.Request.RequestType}");
                break;
        }

        return misses;
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
                Outcome.NoReadings => planned with { Readings = null },
                Outcome.OtherReadKind => planned with
                {
                    Readings = planned.Readings?.Select(r => r with { Kind = r.Kind == ReadKind.Scalar ? ReadKind.Interval : ReadKind.Scalar }).ToList(),
                },
                Outcome.Failed => new ActivityReport(activityId, kind, ActivityResult.Failed, Detail: "Failed"),
                Outcome.NotDone => new ActivityReport(activityId, kind, ActivityResult.NotDone, Detail: "No access"),
                Outcome.TimedOut => new ActivityReport(activityId, kind, ActivityResult.TimedOut),
                _ => new ActivityReport(activityId, kind, ActivityResult.Rejected, Detail: "Rejected"),
            };
        }
    }
}
