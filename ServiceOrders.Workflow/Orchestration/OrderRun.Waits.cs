using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Orchestration;

internal sealed partial class OrderRun
{
    /// <summary>How a wait ended.</summary>
    enum Woken
    {
        /// <summary>One of the awaited events arrived.</summary>
        Event,

        /// <summary>The deadline passed.</summary>
        Deadline,

        /// <summary>The order was cancelled (only reported to a wait that began before the cancellation).</summary>
        Cancellation,

        /// <summary>The deadline board said another activity's deadline passed (revision 3): recorded, the wait goes on.</summary>
        StrayDeadline,
    }

    /// <summary>
    /// Waits for an event until a deadline; a cancellation of the order ends any wait. Every wait of an order goes
    /// through here, so every wait has a deadline and hears a cancellation. Waits that end at the same deadline (the
    /// answers to one command, the reports of one crew, the operator actions of one exception) share one timer from
    /// revision 1 on (<paramref name="shared"/>); before it, every wait started a timer of its own.
    /// </summary>
    async Task<Woken> WaitAsync(DateTimeOffset deadline, Task? awaited = null, DeadlineTimer? shared = null)
    {
        using var own = shared is null ? new DeadlineTimer(context, deadline) : null;
        var timer = (shared ?? own!).Timer;
        var tasks = new List<Task>(3) { timer };
        if (awaited is not null)
        {
            tasks.Add(awaited);
        }

        if (!IsCancelled)
        {
            tasks.Add(cancellations.Next);
        }

        var first = await Task.WhenAny(tasks);
        if (awaited is not null && first == awaited)
        {
            return Woken.Event;
        }

        if (first == timer)
        {
            return Woken.Deadline;
        }

        await NoteCancellationAsync();
        return Woken.Cancellation;
    }

    /// <summary>
    /// Waits for the answer of the outside activity <paramref name="activityId"/> until <paramref name="dueAt"/>. Before
    /// revision 3 that is <see cref="WaitAsync"/> with the activity's durable timer; from revision 3 the deadline is on
    /// the deadline board, and the wait ends at the sweep's <see cref="DeadlinePassed"/> for this activity, with no timer.
    /// </summary>
    async Task<Woken> WaitForAnswerAsync(string activityId, DateTimeOffset dueAt, Task awaited, DeadlineTimer? shared)
    {
        if (!revision.IsLean)
        {
            return await WaitAsync(dueAt, awaited, shared);
        }

        var passed = deadlines.Next;
        var tasks = new List<Task>(3) { awaited, passed };
        if (!IsCancelled)
        {
            tasks.Add(cancellations.Next);
        }

        var first = await Task.WhenAny(tasks);
        if (first == awaited)
        {
            return Woken.Event;
        }

        if (first == passed)
        {
            var deadline = await deadlines.TakeAsync();
            if (deadline.ActivityId == activityId)
            {
                return Woken.Deadline;
            }

            Record(TimelineEvent.IgnoredMessage, deadline.ActivityId, detail: $"Deadline of {deadline.ActivityId} ({deadline.DueAt:u}) while waiting for {activityId}");
            return Woken.StrayDeadline;
        }

        await NoteCancellationAsync();
        return Woken.Cancellation;
    }

    async Task NoteCancellationAsync()
    {
        state.Cancelled = await cancellations.TakeAsync();
        Record(TimelineEvent.CancelRequested, detail: $"{state.Cancelled.Reason} ({state.Cancelled.RequestedBy})");
    }

    /// <summary>Registers the order on its service point; refuses it, or waits, while a conflicting order is open there.</summary>
    /// <param name="claimed">What the order's first claim returned, when admission claimed already (revision 3).</param>
    async Task<OrderResult?> ClaimServicePointAsync(IReadOnlyList<OpenOrder>? claimed = null)
    {
        var giveUpAt = Now + policy.MaxConflictWait;
        var me = new OpenOrder(OrderId, request.RequestType, start.ReceivedAt);
        for (var look = 0; look < MaxDecisions; look++)
        {
            var open = look == 0 && claimed is not null
                ? claimed
                : await CallAsync(WorkflowActivities.ClaimServicePoint, new ClaimServicePointInput(PointId, me));
            state.Claimed = true;

            var blocker = OpenOrders.BlockerOf(open, me, revision.GoesFirst);
            if (blocker is null)
            {
                state.Transition(PhaseTrigger.ClaimGranted);
                return look == 0 ? null : await RefreshServicePointAsync();
            }

            var conflict = new ValidationError(ReasonCodes.ConflictingOrder, "servicePointId",
                $"Order {blocker.OrderId} ({blocker.RequestType}) is open on service point {request.ServicePointId}.");
            if (policy.Conflicts == ConflictPolicy.Reject || Now >= giveUpAt)
            {
                return await RejectAsync([conflict]);
            }

            if (state.Phase != OrderPhase.WaitingForConflict)
            {
                state.Transition(PhaseTrigger.ConflictFound);
                Record(TimelineEvent.WaitingForConflict, detail: conflict.Message);
            }

            var next = Now + policy.ConflictRetryInterval;
            if (await WaitAsync(next < giveUpAt ? next : giveUpAt) == Woken.Cancellation)
            {
                return await FinishCancelledAsync($"Cancelled while order {blocker.OrderId} held the service point.");
            }
        }

        return await RejectAsync([new(ReasonCodes.ConflictingOrder, "servicePointId", "The service point stayed held by other orders.")]);
    }

    /// <summary>Waits until the requested service date; an update moves the date, a cancellation ends the order.</summary>
    async Task<OrderResult?> WaitForServiceDateAsync()
    {
        var date = request.RequestedDate;
        for (var update = 0; update < MaxDecisions && date > Now; update++)
        {
            state.Transition(PhaseTrigger.ServiceDateAhead);
            state.WaitingUntil = date;
            Record(TimelineEvent.WaitingForServiceDate, detail: $"until {date:u}");
            await AnnounceAsync(CisReplyKind.Scheduled, NotificationTypes.OrderScheduled, null,
                update == 0 ? $"Waits for its service date, {date:u}." : $"Rescheduled to {date:u}.", date, waitingFor: WaitRecorder.ServiceDate);

            switch (await WaitAsync(date.Value, updates.Next))
            {
                case Woken.Cancellation:
                    return await FinishCancelledAsync("Cancelled before the service date.");

                case Woken.Event:
                    var changed = await updates.TakeAsync();
                    date = changed.RequestedDate;
                    Record(TimelineEvent.Rescheduled, detail: date is null ? $"now ({changed.RequestedBy})" : $"to {date:u} ({changed.RequestedBy})");
                    break;

                default:
                    date = null;
                    break;
            }
        }

        state.WaitingUntil = null;
        state.Transition(PhaseTrigger.ServiceDateReached);
        return state.Timeline.Any(t => t.Event == TimelineEvent.WaitingForServiceDate) ? await RefreshServicePointAsync() : null;
    }

    /// <summary>
    /// After a wait (for another order, for the service date) the service point may have changed: the order starts
    /// from what it is now, or is refused if the request no longer fits it.
    /// </summary>
    async Task<OrderResult?> RefreshServicePointAsync()
    {
        state.Point = state.Initial = await CallAsync(WorkflowActivities.LoadServicePoint, PointId);
        if (state.Point is null)
        {
            return await RejectAsync([new(ReasonCodes.UnknownServicePoint, "servicePointId", $"Service point {request.ServicePointId} was removed while the order waited.")]);
        }

        var errors = ServiceOrderPlanner.Preconditions(Situation());
        return errors.Count > 0 ? await RejectAsync(errors) : null;
    }
}
