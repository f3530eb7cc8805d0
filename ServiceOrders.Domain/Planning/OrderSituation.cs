using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Domain.Planning;

/// <summary>Everything a decision may look at: the request, the service point as it is now, and what this order has done.</summary>
public sealed record OrderSituation(ServiceOrderRequest Request, ServicePoint Point, IReadOnlyList<ActivityReport> History)
{
    /// <summary>The service point when the order started (what a cancellation restores, what an exchange started from).</summary>
    public ServicePoint? Initial { get; init; }

    /// <summary>
    /// Where counting starts: failures, attempts and the step bound only count reports from this index on. An operator's
    /// retry moves it to the end of the history.
    /// </summary>
    public int CountFrom { get; init; }

    /// <summary>The order was cancelled: the planner only undoes what the order did, where the request type calls for it.</summary>
    public bool Cancelled { get; init; }

    public PlanningPolicy Policy { get; init; } = PlanningPolicy.Default;

    /// <summary>
    /// The service point as the order found it. The orchestrator sets <see cref="Initial"/>; before the first activity the
    /// current point is the same thing, which is all a caller without it (a precondition check) needs.
    /// </summary>
    public ServicePoint Start => Initial ?? Point;

    /// <summary>The reports that count for failures, attempts and the step bound: those since the operator's last retry.</summary>
    public IReadOnlyList<ActivityReport> Recent =>
        CountFrom <= 0 ? History : History.Skip(Math.Min(CountFrom, History.Count)).ToList();

    /// <summary>Failed tries of an activity since it last succeeded, counted since the operator's last retry.</summary>
    public int FailedAttempts(ActivityKind kind) => FailuresSinceSuccess(kind).Count();

    /// <summary>
    /// A command that the head-end rejected, or that failed every allowed try, is not sent again in this order (until an
    /// operator retries it): the process falls back to the matching field activity.
    /// </summary>
    public bool CommandExhausted(ActivityKind kind)
    {
        var failures = FailuresSinceSuccess(kind).ToList();
        return failures.Count >= Policy.MaxCommandAttempts || failures.Exists(r => r.Result == ActivityResult.Rejected);
    }

    /// <summary>
    /// Whether the head-end may be asked to do this now: the meter can take the command, it is not exhausted, and it does not
    /// open a gas valve (that needs a person on site). Processes choose between a command and its field activity with it.
    /// </summary>
    public bool RemoteAllowed(ActivityKind kind)
    {
        if (Point.Meter is not { } meter || ActivityKinds.ChannelOf(kind) != ActivityChannel.Command || CommandExhausted(kind))
        {
            return false;
        }

        return kind switch
        {
            ActivityKind.ActivateDevice => meter.Class == MeterClass.Smart,
            ActivityKind.ReadScalar => meter.ReadsRemotely,
            ActivityKind.ReadInterval => meter.AcceptsCommands && meter.IntervalCapable,
            ActivityKind.RemoteConnect => meter.AcceptsCommands && Point.Commodity != Commodity.Gas,
            _ => meter.AcceptsCommands,
        };
    }

    /// <summary>
    /// How to read the meter: remotely when the head-end can (interval data only when requested and the meter records it;
    /// AMR head-ends only read registers), else a crew.
    /// </summary>
    public ActivityKind ReadActivity()
    {
        var remote = Request.ReadKind == ReadKind.Interval && Point.Meter is { AcceptsCommands: true, IntervalCapable: true }
            ? ActivityKind.ReadInterval
            : ActivityKind.ReadScalar;
        return RemoteAllowed(remote) ? remote : ActivityKind.FieldRead;
    }

    /// <summary>How to turn service on: a gas valve by a crew who relights appliances; otherwise remotely when allowed, else by a crew.</summary>
    public ActivityKind ConnectActivity(ActivityKind byCrew) =>
        Point.Commodity == Commodity.Gas ? ActivityKind.Relight
        : RemoteAllowed(ActivityKind.RemoteConnect) ? ActivityKind.RemoteConnect
        : byCrew;

    /// <summary>How to turn service off: remotely when allowed (closing a valve remotely is safe), else by a crew.</summary>
    public ActivityKind DisconnectActivity(ActivityKind byCrew) =>
        RemoteAllowed(ActivityKind.RemoteDisconnect) ? ActivityKind.RemoteDisconnect : byCrew;

    /// <summary>
    /// Whether this order has a reading: an activity that succeeded and brought readings back. A read that reports success
    /// without values is no reading (the CIS would get none); an operator who records a read as done, with or without
    /// values, vouches for it and satisfies it.
    /// </summary>
    public bool ReadingTaken => History.Any(IsReading);

    /// <summary>Whether this order has a reading of this kind (register values, or interval data), or an operator vouched for a read.</summary>
    public bool ReadingTakenOfKind(ReadKind kind) =>
        History.Any(r => r.Succeeded && (VouchedByOperator(r) || r.ReadingsOrEmpty.Any(reading => reading.Kind == kind)));

    /// <summary>
    /// Whether a reading was taken after service was last turned on in this order (or at all, when the order did not
    /// turn it on): a start reading must not predate the connection.
    /// </summary>
    public bool ReadingTakenSinceConnection
    {
        get
        {
            var from = 0;
            for (var i = History.Count - 1; i >= 0; i--)
            {
                if (History[i].Succeeded && TurnsServiceOn(History[i]))
                {
                    from = i;
                    break;
                }
            }

            return History.Skip(from).Any(IsReading);
        }
    }

    /// <summary>Whether an activity of this order turned service on.</summary>
    public bool TurnedOn => History.Any(r => r.Succeeded && TurnsServiceOn(r));

    /// <summary>Whether an activity of this order turned service off.</summary>
    public bool TurnedOff => History.Any(r => r.Succeeded && TurnsServiceOff(r));

    /// <summary>
    /// Service flows, or will as soon as the customer closes an armed switch: a remote connect that arms is as far as the
    /// utility goes. Gas valves are never armed remotely; one reported armed still needs a crew to open it and relight.
    /// </summary>
    public static bool IsServed(ServicePoint point) =>
        point.Switch == SwitchState.Connected || (point.Switch == SwitchState.Armed && point.Commodity != Commodity.Gas);

    /// <summary>Service is known to be off: an armed switch can be closed by the customer, an unknown one may be closed.</summary>
    public static bool IsOff(ServicePoint point) => point.Switch == SwitchState.Disconnected;

    IEnumerable<ActivityReport> FailuresSinceSuccess(ActivityKind kind) =>
        Recent.Reverse().Where(r => r.Kind == kind).TakeWhile(r => !r.Succeeded);

    static bool IsReading(ActivityReport report) =>
        report.Succeeded && (report.ReadingsOrEmpty.Count > 0 || VouchedByOperator(report));

    static bool VouchedByOperator(ActivityReport report) => report.ByOperator && ActivityKinds.IsRead(report.Kind);

    // Any report that may have made service flow: a connect, or a switch reported closed or armed, whatever the activity
    // (a head-end answering a command for something else may report the switch as it finds it).
    static bool TurnsServiceOn(ActivityReport report) =>
        report.Switch is SwitchState.Connected or SwitchState.Armed
        || report.Kind is ActivityKind.RemoteConnect or ActivityKind.TurnOn or ActivityKind.Reconnect or ActivityKind.Relight;

    static bool TurnsServiceOff(ActivityReport report) =>
        report.Switch == SwitchState.Disconnected
        || report.Kind is ActivityKind.RemoteDisconnect or ActivityKind.TurnOff or ActivityKind.CutForNonPayment;
}
