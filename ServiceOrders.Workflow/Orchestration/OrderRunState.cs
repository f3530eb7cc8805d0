using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>What moves an order from one phase to another (see <see cref="OrderRunState.Transitions"/>).</summary>
internal enum PhaseTrigger
{
    /// <summary>Another order holds the service point, and this one waits for it.</summary>
    ConflictFound,

    /// <summary>No conflicting order is in the way (any more).</summary>
    ClaimGranted,

    /// <summary>The requested service date is ahead, or moved.</summary>
    ServiceDateAhead,

    /// <summary>The service date came, or there was none to wait for.</summary>
    ServiceDateReached,

    /// <summary>An activity waits for its back-off to pass; the order keeps evaluating.</summary>
    BackOff,

    /// <summary>A disconnect waits for its window, or for a head-end slot.</summary>
    WindowAhead,

    /// <summary>A back-off or window wait ended.</summary>
    WaitOver,

    /// <summary>Field work went to a crew.</summary>
    Dispatched,

    /// <summary>The head-end took a command.</summary>
    CommandSent,

    /// <summary>An activity has its report (an answer, a deadline, or a refusal).</summary>
    ActivityEnded,

    /// <summary>Nothing can move the order: it waits for an operator.</summary>
    ExceptionRaised,

    /// <summary>The exception was resolved, or is abandoned.</summary>
    ExceptionClosed,

    /// <summary>The order ends in the normal course: reply, list, notify, release.</summary>
    Close,

    /// <summary>An activity failed through all its retries: the order ends from wherever it was.</summary>
    ActivityFailed,

    /// <summary>Everything about the end was said.</summary>
    Replied,
}

/// <summary>
/// The state of one execution of an order, rebuilt identically on replay. Its phase changes only through
/// <see cref="Transition"/>, by the table <see cref="Transitions"/>; a move the table does not hold is a bug and throws.
/// </summary>
internal sealed record OrderRunState
{
    /// <summary>Every phase an order may be in before its reply; an activity failure may end it from any of them.</summary>
    static readonly OrderPhase[] Unended = [.. Enum.GetValues<OrderPhase>().Where(p => p != OrderPhase.Ended)];

    /// <summary>Every move an order may make: (from, trigger) → to.</summary>
    public static readonly IReadOnlyDictionary<(OrderPhase From, PhaseTrigger Trigger), OrderPhase> Transitions =
        new Dictionary<(OrderPhase, PhaseTrigger), OrderPhase>
        {
            // Claiming the service point.
            [(OrderPhase.Evaluating, PhaseTrigger.ConflictFound)] = OrderPhase.WaitingForConflict,
            [(OrderPhase.Evaluating, PhaseTrigger.ClaimGranted)] = OrderPhase.Evaluating,
            [(OrderPhase.WaitingForConflict, PhaseTrigger.ClaimGranted)] = OrderPhase.Evaluating,

            // The service date.
            [(OrderPhase.Evaluating, PhaseTrigger.ServiceDateAhead)] = OrderPhase.WaitingForServiceDate,
            [(OrderPhase.WaitingForServiceDate, PhaseTrigger.ServiceDateAhead)] = OrderPhase.WaitingForServiceDate,
            [(OrderPhase.Evaluating, PhaseTrigger.ServiceDateReached)] = OrderPhase.Evaluating,
            [(OrderPhase.WaitingForServiceDate, PhaseTrigger.ServiceDateReached)] = OrderPhase.Evaluating,

            // Before an activity: back-off, disconnect window, head-end pacing.
            [(OrderPhase.Evaluating, PhaseTrigger.BackOff)] = OrderPhase.Evaluating,
            [(OrderPhase.Evaluating, PhaseTrigger.WindowAhead)] = OrderPhase.WaitingForWindow,
            [(OrderPhase.Evaluating, PhaseTrigger.WaitOver)] = OrderPhase.Evaluating,
            [(OrderPhase.WaitingForWindow, PhaseTrigger.WaitOver)] = OrderPhase.Evaluating,

            // An activity and its answer.
            [(OrderPhase.Evaluating, PhaseTrigger.Dispatched)] = OrderPhase.WaitingForCrew,
            [(OrderPhase.Evaluating, PhaseTrigger.CommandSent)] = OrderPhase.WaitingForHeadEnd,
            [(OrderPhase.WaitingForCrew, PhaseTrigger.ActivityEnded)] = OrderPhase.Evaluating,
            [(OrderPhase.WaitingForHeadEnd, PhaseTrigger.ActivityEnded)] = OrderPhase.Evaluating,
            [(OrderPhase.Evaluating, PhaseTrigger.ActivityEnded)] = OrderPhase.Evaluating, // the head-end refused the command

            // Exceptions.
            [(OrderPhase.Evaluating, PhaseTrigger.ExceptionRaised)] = OrderPhase.Exception,
            [(OrderPhase.Exception, PhaseTrigger.ExceptionClosed)] = OrderPhase.Evaluating,

            // The end: rejected while claiming, cancelled while waiting, or done.
            [(OrderPhase.Evaluating, PhaseTrigger.Close)] = OrderPhase.Replying,
            [(OrderPhase.WaitingForConflict, PhaseTrigger.Close)] = OrderPhase.Replying,
            [(OrderPhase.WaitingForServiceDate, PhaseTrigger.Close)] = OrderPhase.Replying,
            [(OrderPhase.Replying, PhaseTrigger.Replied)] = OrderPhase.Ended,
        }
        .Concat(Unended.Select(p => KeyValuePair.Create((p, PhaseTrigger.ActivityFailed), OrderPhase.Replying)))
        .ToDictionary();

    public OrderPhase Phase { get; private set; } = OrderPhase.Evaluating;

    /// <summary>The service point as the order last saw it, and as it was when the order began work.</summary>
    public ServicePoint? Point { get; set; }

    public ServicePoint? Initial { get; set; }

    public CancelRequested? Cancelled { get; set; }

    /// <summary>Whether the order holds its service point, to be released when it ends.</summary>
    public bool Claimed { get; set; }

    /// <summary>Where the planner starts counting attempts (an operator's retry starts afresh).</summary>
    public int CountFrom { get; set; }

    public int LastStep { get; set; }

    public DateTimeOffset? FirstBlockedAt { get; set; }

    /// <summary>How many waits the order has announced (revision 2): the number in each interim reply's and event's id.</summary>
    public int Announcements { get; set; }

    /// <summary>The disconnect rule the CIS last heard holds the order, so that a recheck under the same rule says nothing new.</summary>
    public string? AnnouncedDeferral { get; set; }

    public string? CurrentActivityId { get; set; }

    public ActivityKind? CurrentActivity { get; set; }

    public ExceptionInfo? OpenException { get; set; }

    public DateTimeOffset? WaitingUntil { get; set; }

    public List<ActivityReport> History { get; } = [];

    /// <summary>Revision 3: succeeded reports applied to <see cref="Point"/> that the registry has not been told yet.</summary>
    public List<ActivityReport> Unrecorded { get; } = [];

    /// <summary>Revision 3: deadlines on the deadline board whose wait is over, to be taken off it.</summary>
    public List<DeadlineEntry> Unsettled { get; } = [];

    /// <summary>
    /// Revision 3: final answers (a head-end's or a crew's) to steps the order has not reached yet, by step id, each as the
    /// report it makes for the step's kind, kept until the order waits for them. Only a run of the order that the engine
    /// discarded (a host lost its partition between sending an activity and recording it) can have sent such a step;
    /// when the order reaches the step again, the head-end or crew already answered it.
    /// </summary>
    public Dictionary<string, Func<ActivityKind, ActivityReport>> EarlyAnswers { get; } = new(StringComparer.Ordinal);

    public List<TimelineEntry> Timeline { get; } = [];

    public bool IsCancelled => Cancelled is not null;

    /// <summary>Moves the order to the phase the table gives for <paramref name="trigger"/>.</summary>
    public void Transition(PhaseTrigger trigger) =>
        Phase = Transitions.TryGetValue((Phase, trigger), out var to)
            ? to
            : throw new InvalidOperationException($"An order in phase {Phase} cannot take {trigger}.");
}
