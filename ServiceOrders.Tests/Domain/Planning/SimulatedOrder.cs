using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Tests.Domain.Planning;

/// <summary>The crews and head-ends, as far as the planner can tell: what each activity reports.</summary>
interface IWorld
{
    ActivityReport Perform(ServiceOrderRequest request, ServicePoint point, ActivityKind kind, string activityId);
}

/// <summary>
/// A fake of the orchestrator's loop: asks the planner, lets the world carry out the activity, applies the report to the
/// service point, and asks again. Between runs an operator can retry, record an activity done, or cancel, the way the
/// orchestrator does for the exception queue.
/// </summary>
sealed class SimulatedOrder(ServiceOrderRequest request, ServicePoint start, IWorld? world = null, PlanningPolicy? policy = null)
{
    readonly IWorld world = world ?? new FakeWorld();
    readonly List<ActivityReport> history = [];

    public ServiceOrderRequest Request => request;

    public ServicePoint Start { get; } = start;

    public ServicePoint Point { get; private set; } = start;

    public PlanningPolicy Policy { get; } = policy ?? PlanningPolicy.Default;

    public IReadOnlyList<ActivityReport> History => history;

    public int CountFrom { get; private set; }

    public bool Cancelled { get; private set; }

    /// <summary>Every activity the planner asked for, retries included, in order.</summary>
    public List<Proposal> Steps { get; } = [];

    public IReadOnlyList<PerformActivity> Performed => Steps.Select(s => s.Activity).ToList();

    public IReadOnlyList<ActivityKind> Kinds => Steps.Select(s => s.Activity.Kind).ToList();

    /// <summary>The activity the order waited for last: the one an operator's skip or record-done is about.</summary>
    public ActivityKind? CurrentActivity => Steps.Count > 0 ? Steps[^1].Activity.Kind : null;

    public OrderSituation Situation => new(request, Point, history)
    {
        Initial = Start,
        CountFrom = CountFrom,
        Cancelled = Cancelled,
        Policy = Policy,
    };

    public NextStep Decide() => ServiceOrderPlanner.Decide(Situation);

    /// <summary>Asks the planner once and, if it asks for an activity, lets the world carry it out.</summary>
    public NextStep Step()
    {
        var next = Decide();
        if (next is PerformActivity activity)
        {
            Steps.Add(new(history.Count, CountFrom, Point, activity));
            Add(world.Perform(request, Point, activity.Kind, OrderIds.StepId(new OrderId(request.RequestId), history.Count + 1)));
        }

        return next;
    }

    /// <summary>Runs the order until the planner stops asking for activities (or a safety cap, which a test then reports).</summary>
    public NextStep Run(int cap = 1000)
    {
        for (var i = 0; i < cap; i++)
        {
            var next = Step();
            if (next is not PerformActivity)
            {
                return next;
            }
        }

        throw new InvalidOperationException($"The order did not stop within {cap} decisions: {string.Join(", ", Kinds)}");
    }

    public SimulatedOrder Retry()
    {
        CountFrom = history.Count;
        return this;
    }

    /// <summary>An operator's skip or record-done: the activity counts as done, with whatever data the operator gives.</summary>
    public SimulatedOrder RecordDone(ActivityKind kind, Func<ActivityReport, ActivityReport>? withData = null)
    {
        var report = new ActivityReport(OrderIds.StepId(new OrderId(request.RequestId), history.Count + 1), kind, ActivityResult.Succeeded, ByOperator: true);
        Add(withData is null ? report : withData(report));
        return this;
    }

    public SimulatedOrder Cancel()
    {
        Cancelled = true;
        return this;
    }

    void Add(ActivityReport report)
    {
        history.Add(report);
        Point = Point.Apply(report);
    }
}

/// <summary>An activity the planner asked for, and what it knew then: the history's length, where counting started, the service point.</summary>
sealed record Proposal(int At, int CountFrom, ServicePoint Before, PerformActivity Activity);

/// <summary>
/// Crews and head-ends that do what they are asked, unless a test scripts a different answer for the next times an
/// activity of some kind runs.
/// </summary>
sealed class FakeWorld : IWorld
{
    readonly Dictionary<ActivityKind, Queue<Func<ActivityReport, ActivityReport>>> script = [];

    /// <summary>Whether crews bring a reading back from switching or meter work (they usually do).</summary>
    public bool CrewsRead { get; init; } = true;

    /// <summary>The next <paramref name="times"/> activities of this kind end with <paramref name="result"/>.</summary>
    public FakeWorld Answers(ActivityKind kind, ActivityResult result, int times = 1, string? detail = null) =>
        Answers(kind, r => new ActivityReport(r.ActivityId, r.Kind, result, Detail: detail ?? result.ToString()), times);

    /// <summary>The next <paramref name="times"/> activities of this kind report something else than planned.</summary>
    public FakeWorld Answers(ActivityKind kind, Func<ActivityReport, ActivityReport> change, int times = 1)
    {
        if (!script.TryGetValue(kind, out var queue))
        {
            script[kind] = queue = new();
        }

        for (var i = 0; i < times; i++)
        {
            queue.Enqueue(change);
        }

        return this;
    }

    public ActivityReport Perform(ServiceOrderRequest request, ServicePoint point, ActivityKind kind, string activityId)
    {
        var planned = Given.AsPlanned(request, point, kind, activityId, CrewsRead);
        return script.TryGetValue(kind, out var queue) && queue.TryDequeue(out var change) ? change(planned) : planned;
    }
}

/// <summary>Service points, requests, orders and reports the planner tests share.</summary>
static class Given
{
    public static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static ServiceOrderRequest Request(RequestType type, Commodity commodity = Commodity.Electric, ReadKind? readKind = null) =>
        new("REQ-1", type, "SP-1", commodity, ReadKind: readKind, NewMeter: new MeterFound("M2", MeterClass.Smart, IntervalCapable: true));

    public static ServicePoint Point(MeterClass? meterClass, Commodity commodity = Commodity.Electric, SwitchState switchState = SwitchState.Connected,
        bool? commissioned = null, bool intervalCapable = true) =>
        new("SP-1", commodity, meterClass is { } c
            ? new Meter("M1", c, commissioned ?? c == MeterClass.Smart, switchState, intervalCapable)
            : null);

    public static SimulatedOrder Order(RequestType type, ServicePoint point, IWorld? world = null, PlanningPolicy? policy = null, ReadKind? readKind = null) =>
        new(Request(type, point.Commodity, readKind), point, world, policy);

    public static ServicePoint UnmeteredItem(SwitchState itemSwitch) =>
        new("SP-1", Commodity.Electric, Meter: null, Unmetered: true, ItemSwitch: itemSwitch);

    public static Reading Reading(ActivityKind kind, int n) =>
        new("1.8.0", 100 + n, "kWh", At.AddMinutes(n), kind == ActivityKind.ReadInterval ? ReadKind.Interval : ReadKind.Scalar);

    /// <summary>What a crew or head-end reports when the activity goes as planned.</summary>
    public static ActivityReport AsPlanned(ServiceOrderRequest request, ServicePoint point, ActivityKind kind, string id, bool crewsRead)
    {
        var step = int.Parse(id[(id.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<Reading>? fieldReading = crewsRead ? [Reading(kind, step)] : null;
        var newMeter = request.NewMeter ?? new MeterFound("M2", MeterClass.Smart);
        return kind switch
        {
            ActivityKind.InstallMeter => new(id, kind, ActivityResult.Succeeded, Readings: fieldReading, InstalledMeter: newMeter),
            ActivityKind.ExchangeMeter => new(id, kind, ActivityResult.Succeeded, Readings: fieldReading, InstalledMeter: newMeter,
                RemovedMeterId: point.Meter?.MeterId),
            ActivityKind.RemoveMeter => new(id, kind, ActivityResult.Succeeded, Readings: fieldReading, RemovedMeterId: point.Meter?.MeterId),
            ActivityKind.TurnOn or ActivityKind.Reconnect or ActivityKind.Relight =>
                new(id, kind, ActivityResult.Succeeded, SwitchState.Connected, point.Unmetered ? null : fieldReading),
            ActivityKind.TurnOff or ActivityKind.CutForNonPayment =>
                new(id, kind, ActivityResult.Succeeded, SwitchState.Disconnected, point.Unmetered ? null : fieldReading),
            ActivityKind.RemoteConnect => new(id, kind, ActivityResult.Succeeded, SwitchState.Connected),
            ActivityKind.RemoteDisconnect => new(id, kind, ActivityResult.Succeeded, SwitchState.Disconnected),
            ActivityKind.ReadScalar or ActivityKind.ReadInterval =>
                new(id, kind, ActivityResult.Succeeded, Readings: [Reading(kind, step)]),

            // A crew sent for interval data downloads it on site.
            ActivityKind.FieldRead => new(id, kind, ActivityResult.Succeeded,
                Readings: [Reading(kind, step) with { Kind = request.ReadKind ?? ReadKind.Scalar }]),
            ActivityKind.Investigate => new(id, kind, ActivityResult.Succeeded, Detail: "Seal intact, no tampering."),
            _ => new(id, kind, ActivityResult.Succeeded),
        };
    }
}
