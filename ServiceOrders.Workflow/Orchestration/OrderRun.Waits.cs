using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
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

    async Task NoteCancellationAsync()
    {
        state.Cancelled = await cancellations.TakeAsync();
        Record(TimelineEvent.CancelRequested, detail: $"{state.Cancelled.Reason} ({state.Cancelled.RequestedBy})");
    }

    /// <summary>Registers the order on its service point; refuses it, or waits, while a conflicting order is open there.</summary>
    async Task<OrderResult?> ClaimServicePointAsync()
    {
        var giveUpAt = Now + policy.MaxConflictWait;
        for (var look = 0; look < MaxDecisions; look++)
        {
            var open = await CallAsync(WorkflowActivities.ClaimServicePoint,
                new ClaimServicePointInput(PointId, new OpenOrder(OrderId, request.RequestType, start.ReceivedAt)));
            state.Claimed = true;

            var mine = open.FirstOrDefault(o => o.OrderId == OrderId);
            var blocker = open
                .Where(o => o.OrderId != OrderId && OrderConflicts.Conflict(request.RequestType, o.RequestType) && GoesFirst(o, mine))
                .OrderBy(o => o.ReceivedAt)
                .FirstOrDefault();
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

    /// <summary>
    /// Whether a conflicting order goes before this one: the revision's rule (<see cref="IRevisionBehaviour.GoesFirst"/>),
    /// over the orders' receipt times and, where known, when each claimed the service point.
    /// </summary>
    bool GoesFirst(OpenOrder other, OpenOrder? mine) =>
        revision.GoesFirst(
            new QueuedOrder(other.OrderId.Value, other.ReceivedAt, other.ClaimedAt),
            new QueuedOrder(OrderId.Value, start.ReceivedAt, mine?.ClaimedAt));

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
