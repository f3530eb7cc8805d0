using Microsoft.DurableTask;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Orchestration;

internal sealed partial class OrderRun
{
    static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(1);

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

    /// <summary>One timer for the waits that end at <paramref name="deadline"/>, or none before revision 1.</summary>
    DeadlineTimer? SharedDeadline(DateTimeOffset deadline) =>
        FromRevision1 ? new DeadlineTimer(context, deadline) : null;

    /// <summary>A durable timer at a deadline (plus slack), cancelled when disposed before it fired.</summary>
    sealed class DeadlineTimer : IDisposable
    {
        readonly CancellationTokenSource cancellation = new();

        // The Azure Storage provider schedules timers with queue visibility in whole seconds, so a timer can fire up to
        // a second early; the slack keeps a wait from ending before its time (and a window check from spinning).
        public DeadlineTimer(TaskOrchestrationContext context, DateTimeOffset deadline) =>
            Timer = context.CreateTimer((deadline + TimerSlack).UtcDateTime, cancellation.Token);

        public Task Timer { get; }

        public void Dispose()
        {
            if (!Timer.IsCompleted)
            {
                // Synchronously: an orchestrator may only await durable tasks.
                cancellation.Cancel();
            }

            cancellation.Dispose();
        }
    }

    async Task NoteCancellationAsync()
    {
        cancelled = await cancellations.TakeAsync();
        Record(TimelineEvent.CancelRequested, detail: $"{cancelled.Reason} ({cancelled.RequestedBy})");
    }

    /// <summary>Registers the order on its service point; refuses it, or waits, while a conflicting order is open there.</summary>
    async Task<OrderResult?> ClaimServicePointAsync()
    {
        var giveUpAt = Now + policy.MaxConflictWait;
        for (var look = 0; look < MaxDecisions; look++)
        {
            var open = await CallAsync(WorkflowActivities.ClaimServicePoint,
                new ClaimServicePointInput(request.ServicePointId, new OpenOrder(OrderId, request.RequestType, start.ReceivedAt)));
            claimed = true;

            var mine = open.FirstOrDefault(o => o.OrderId == OrderId);
            var blocker = open
                .Where(o => o.OrderId != OrderId && OrderConflicts.Conflict(request.RequestType, o.RequestType) && GoesFirst(o, mine))
                .OrderBy(o => o.ReceivedAt)
                .FirstOrDefault();
            if (blocker is null)
            {
                phase = OrderPhase.Evaluating;
                return look == 0 ? null : await RefreshServicePointAsync();
            }

            var conflict = new ValidationError(ReasonCodes.ConflictingOrder, "servicePointId",
                $"Order {blocker.OrderId} ({blocker.RequestType}) is open on service point {request.ServicePointId}.");
            if (policy.Conflicts == ConflictPolicy.Reject || Now >= giveUpAt)
            {
                return await RejectAsync([conflict]);
            }

            if (phase != OrderPhase.WaitingForConflict)
            {
                phase = OrderPhase.WaitingForConflict;
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
    /// Whether a conflicting order goes before this one. From revision 1 on, the order that claimed the service point
    /// first goes first, so that two conflicting orders never both go ahead whatever the timing of their claims; receipt
    /// order breaks a tie. Before revision 1, receipt order alone.
    /// </summary>
    bool GoesFirst(OpenOrder other, OpenOrder? mine) =>
        FromRevision1 && other.ClaimedAt is { } theirs && mine?.ClaimedAt is { } ours
            ? theirs < ours || (theirs == ours && IsEarlier(other))
            : IsEarlier(other);

    /// <summary>Orders are served in the order they were received; the order id breaks a tie.</summary>
    bool IsEarlier(OpenOrder other) =>
        other.ReceivedAt < start.ReceivedAt
        || (other.ReceivedAt == start.ReceivedAt && string.CompareOrdinal(other.OrderId, OrderId) < 0);

    /// <summary>Waits until the requested service date; an update moves the date, a cancellation ends the order.</summary>
    async Task<OrderResult?> WaitForServiceDateAsync()
    {
        var date = request.RequestedDate;
        for (var update = 0; update < MaxDecisions && date > Now; update++)
        {
            phase = OrderPhase.WaitingForServiceDate;
            waitingUntil = date;
            Record(TimelineEvent.WaitingForServiceDate, detail: $"until {date:u}");

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

        waitingUntil = null;
        phase = OrderPhase.Evaluating;
        return timeline.Any(t => t.Event == TimelineEvent.WaitingForServiceDate) ? await RefreshServicePointAsync() : null;
    }

    /// <summary>
    /// After a wait (for another order, for the service date) the service point may have changed: the order starts
    /// from what it is now, or is refused if the request no longer fits it.
    /// </summary>
    async Task<OrderResult?> RefreshServicePointAsync()
    {
        point = initial = await CallAsync(WorkflowActivities.LoadServicePoint, request.ServicePointId);
        if (point is null)
        {
            return await RejectAsync([new(ReasonCodes.UnknownServicePoint, "servicePointId", $"Service point {request.ServicePointId} was removed while the order waited.")]);
        }

        var errors = ServiceOrderPlanner.Preconditions(Situation());
        return errors.Count > 0 ? await RejectAsync(errors) : null;
    }
}
