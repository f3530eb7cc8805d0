using Microsoft.DurableTask;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Activities;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>Schedules a declared activity for an order, with the order's retries.</summary>
internal interface IActivityCaller
{
    Task<TOutput> CallAsync<TInput, TOutput>(ActivityDefinition<TInput, TOutput> activity, TInput input);
}

/// <summary>
/// What an order still has to do when it ends. Each part is made when it is sent (its time stamps are the time it is
/// sent at), so each is a function.
/// </summary>
internal sealed record OrderClosing(
    Func<OrderIndexEntry> Index,
    Func<CisReply> Reply,
    Func<IReadOnlyList<SubscriberNotification>> Notifications,
    ReleaseServicePointInput? Release,
    Func<StepSettlement?> Settle);

/// <summary>
/// Everything that differs between revisions of the orchestrator (see <see cref="ServiceOrderStart.Revision1"/>),
/// chosen once when an order starts: an order replays as it ran only if the same revision decides it.
/// </summary>
internal interface IRevisionBehaviour
{
    /// <summary>One timer for the waits that end at <paramref name="deadline"/>, or null for a timer per wait.</summary>
    DeadlineTimer? SharedDeadline(TaskOrchestrationContext context, DateTimeOffset deadline);

    /// <summary>Whether the conflicting order <paramref name="other"/> goes before this one, <paramref name="me"/>.</summary>
    bool GoesFirst(QueuedOrder other, QueuedOrder me);

    /// <summary>Tells the order list, the CIS, the subscribers, and releases the service point.</summary>
    Task CloseAsync(IActivityCaller activities, OrderClosing closing);

    /// <summary>
    /// Whether subscribers hear <c>serviceorder.rejected</c>. Revision 1 closes in one activity, so the event only
    /// changes that activity's input; revision 0 would need an activity call that its recorded histories lack.
    /// </summary>
    bool NotifiesRejections { get; }

    /// <summary>Whether the CIS and subscribers hear when the order starts or stops waiting (see <see cref="ServiceOrderStart.Revision2"/>).</summary>
    bool AnnouncesWaits { get; }

    /// <summary>
    /// Revision 3 (see <see cref="ServiceOrderStart.Revision3"/>): admission in one activity, reports written to the
    /// registry by the next activity, and the deadlines of commands and crews on the deadline board instead of timers.
    /// </summary>
    bool IsLean { get; }
}

/// <summary>The behaviour of each revision.</summary>
internal static class RevisionBehaviour
{
    public static IRevisionBehaviour For(int revision) =>
        revision >= ServiceOrderStart.Revision3 ? Revision1.Lean
        : revision == ServiceOrderStart.Revision2 ? Revision1.AnnouncingWaits
        : revision == ServiceOrderStart.Revision1 ? Revision1.Instance
        : Revision0.Instance;

    /// <summary>Orders started before revisions existed: a timer per wait, receipt order, up to four closing activities.</summary>
    sealed class Revision0 : IRevisionBehaviour
    {
        public static readonly Revision0 Instance = new();

        public DeadlineTimer? SharedDeadline(TaskOrchestrationContext context, DateTimeOffset deadline) => null;

        public bool GoesFirst(QueuedOrder other, QueuedOrder me) => OrderPrecedence.ReceivedEarlier(other, me);

        public bool NotifiesRejections => false;

        public bool AnnouncesWaits => false;

        public bool IsLean => false;

        public async Task CloseAsync(IActivityCaller activities, OrderClosing closing)
        {
            // The order list first: whoever hears of the outcome finds it there already.
            await activities.CallAsync(WorkflowActivities.IndexOrder, closing.Index());
            await activities.CallAsync(WorkflowActivities.SendCisReply, closing.Reply());
            var notifications = closing.Notifications();
            if (notifications.Count > 0)
            {
                await activities.CallAsync(WorkflowActivities.NotifySubscribers, notifications);
            }

            if (closing.Release is { } release)
            {
                await activities.CallAsync(WorkflowActivities.ReleaseServicePoint, release);
            }
        }
    }

    /// <summary>
    /// Revision 1: shared deadline timers, the first claim goes first, one closing activity; revision 2 also announces
    /// waits; revision 3 also admits in one activity, writes reports with the next activity and keeps the deadlines of
    /// outside answers on the deadline board (its closing activity also settles the last step).
    /// </summary>
    sealed class Revision1(bool announcesWaits, bool lean) : IRevisionBehaviour
    {
        public static readonly Revision1 Instance = new(false, false);

        public static readonly Revision1 AnnouncingWaits = new(true, false);

        public static readonly Revision1 Lean = new(true, true);

        public bool AnnouncesWaits => announcesWaits;

        public bool IsLean => lean;

        public DeadlineTimer? SharedDeadline(TaskOrchestrationContext context, DateTimeOffset deadline) => new(context, deadline);

        public bool GoesFirst(QueuedOrder other, QueuedOrder me) => OrderPrecedence.GoesFirst(other, me);

        public bool NotifiesRejections => true;

        public Task CloseAsync(IActivityCaller activities, OrderClosing closing) =>
            activities.CallAsync(
                WorkflowActivities.CloseOrder,
                new CloseOrderInput(closing.Index(), closing.Reply(), closing.Notifications(), closing.Release) { Settle = lean ? closing.Settle() : null });
    }
}
