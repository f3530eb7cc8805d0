using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.Rules;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>What an order does when another conflicting order is open on its service point.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConflictPolicy>))]
public enum ConflictPolicy
{
    /// <summary>Refuse the new order; the CIS is told which order is in the way.</summary>
    Reject,

    /// <summary>Wait until the earlier order ends, up to a limit.</summary>
    Wait,
}

/// <summary>
/// How an order behaves: deadlines, limits, and the utility's rules. Captured into the orchestration's input when the
/// order starts, so a configuration change never alters an order in flight (and replays stay deterministic).
/// </summary>
public sealed record OrderPolicy(TimeSpan FieldDeadline, TimeSpan CommandDeadline, PlanningPolicy Planning, ActivityRetry? Retry = null)
{
    public static OrderPolicy Default { get; } = new(TimeSpan.FromDays(3), TimeSpan.FromMinutes(30), PlanningPolicy.Default);

    public ActivityRetry RetryOrDefault => Retry ?? ActivityRetry.Default;

    public ConflictPolicy Conflicts { get; init; } = ConflictPolicy.Reject;

    /// <summary>How often an order that waits for a conflicting one looks again.</summary>
    public TimeSpan ConflictRetryInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an order waits for a conflicting one before it is refused.</summary>
    public TimeSpan MaxConflictWait { get; init; } = TimeSpan.FromDays(1);

    /// <summary>How long an order waits in exception for a person before it fails.</summary>
    public TimeSpan ExceptionDeadline { get; init; } = TimeSpan.FromDays(30);

    public DisconnectPolicy Disconnects { get; init; } = DisconnectPolicy.Default;

    /// <summary>Time between two disconnect commands to one head-end in a mass run; zero sends them as they come.</summary>
    public TimeSpan DisconnectSpacing { get; init; }
}

/// <summary>
/// How often an activity that throws (storage or network trouble) is tried again, with doubling intervals, before the
/// order gives up on it.
/// </summary>
public sealed record ActivityRetry(int MaxAttempts, TimeSpan FirstInterval)
{
    public static ActivityRetry Default { get; } = new(6, TimeSpan.FromSeconds(2));
}

/// <summary>
/// The input of a service order orchestration. <paramref name="Revision"/> is the orchestration's behaviour revision,
/// fixed when the order starts: a change that alters what an orchestration records in its history applies only from
/// a new revision on, so orders in flight replay as they ran. An input without it (an order started before revisions
/// existed) is revision 0.
/// </summary>
public sealed record ServiceOrderStart(ServiceOrderRequest Request, OrderPolicy Policy, DateTimeOffset ReceivedAt, int Revision = 0)
{
    /// <summary>The revision new orders start with.</summary>
    public const int CurrentRevision = Revision3;

    /// <summary>
    /// Revision 1 does the same work with fewer durable actions, and decides conflicts by who holds the service point:
    /// <list type="bullet">
    /// <item>the waits that end at one deadline (the answers to one command, the reports of one crew, the operator
    /// actions of one exception) share one durable timer, where each wait had its own;</item>
    /// <item>the end of an order (order list, CIS reply, subscribers, release of the service point) is one activity,
    /// where it was up to four;</item>
    /// <item>of two conflicting orders, the one that claimed the service point first goes first (receipt order only
    /// breaks a tie); before, receipt order alone decided, so a later order that claimed first ran at the same time as
    /// the earlier one, which then claimed and found no earlier order in its way.</item>
    /// </list>
    /// </summary>
    public const int Revision1 = 1;

    /// <summary>
    /// Revision 2 tells the CIS and the subscribers when an order waits, each time in one activity: a disconnect rule
    /// defers it (<c>Deferred</c>, <c>serviceorder.deferred</c>), it waits for its service date or the date moves
    /// (<c>Scheduled</c>, <c>serviceorder.scheduled</c>), it goes to a person (<c>Exception</c>, with the existing
    /// <c>serviceorder.exception</c>), and a person lets it go on (<c>Resumed</c>, <c>serviceorder.resumed</c>).
    /// </summary>
    public const int Revision2 = 2;

    /// <summary>
    /// Revision 3 does the same work with fewer durable actions (a smart reconnect: 12, where revision 2 needs 26):
    /// <list type="bullet">
    /// <item>admission is one activity (<c>AdmitOrder</c>): load the service point, check the planner's preconditions,
    /// claim the service point, acknowledge to the CIS and list the order as open, where it was four activities;</item>
    /// <item>an activity's report is applied to the order's own copy of the service point (the registry's rule,
    /// <c>ServicePointTransitions.Apply</c>), and written to the registry by the order's next activity (the next command
    /// or dispatch, or the end), where it was an activity of its own;</item>
    /// <item>the deadline of a command or a crew's work is put on the deadline board by the activity that sends it, and
    /// the order waits for the answer or the sweep's <c>DeadlinePassed</c>, where it had a durable timer per wait; the
    /// next activity takes the deadline off the board. Every other wait keeps its durable timer;</item>
    /// <item>a head-end's interim <c>Accepted</c> answer is no longer raised on the order (the answer routes record it),
    /// for every revision: earlier revisions only put it on the timeline.</item>
    /// </list>
    /// </summary>
    public const int Revision3 = 3;

    /// <summary>A new order, at the current revision.</summary>
    public static ServiceOrderStart New(ServiceOrderRequest request, OrderPolicy policy, DateTimeOffset receivedAt) =>
        new(request, policy, receivedAt, CurrentRevision);
}
