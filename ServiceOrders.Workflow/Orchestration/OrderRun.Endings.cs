using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Activities;

namespace ServiceOrders.Workflow.Orchestration;

internal sealed partial class OrderRun
{
    /// <summary>Most timeline entries the status keeps; the oldest give way first.</summary>
    const int TimelineLimit = 200;

    async Task<OrderResult> RejectAsync(IReadOnlyList<ValidationError> errors)
    {
        var detail = string.Join(" ", errors.Select(e => e.Message));
        Record(TimelineEvent.Rejected, detail: string.Join(", ", errors.Select(e => e.Code)));
        state.Transition(PhaseTrigger.Close);
        await CloseAsync(new OrderClosing(
            () => IndexEntry(OrderStatus.Rejected, errors[0].Code),
            () => Reply(CisReplyKind.Rejected, errors[0].Code, detail, errors),
            () => revision.NotifiesRejections
                ? [new($"{OrderId}.{OrderOutcome.Rejected}", NotificationTypes.OrderRejected, OrderId.Value, request.ServicePointId, Now, OrderOutcome.Rejected, state.Point)]
                : [],
            Release(),
            Unsettled));
        return End(new OrderResult(OrderId.Value, OrderOutcome.Rejected, errors[0].Code, detail, null, [], errors));
    }

    Task<OrderResult> FinishCancelledAsync(string detail) =>
        FinishAsync(OrderOutcome.Cancelled, ReasonCodes.Cancelled, $"{state.Cancelled?.Reason ?? "Cancelled"}. {detail}");

    /// <summary>Ends the order with <paramref name="outcome"/>; <paramref name="trigger"/> says whether in the normal course or after an activity failed.</summary>
    async Task<OrderResult> FinishAsync(OrderOutcome outcome, string? reasonCode, string detail, PhaseTrigger trigger = PhaseTrigger.Close)
    {
        await RecordStrayAnswersAsync();
        state.Transition(trigger);
        PublishStatus();
        var readings = state.History.Where(h => h.Succeeded).SelectMany(h => h.ReadingsOrEmpty).ToList();
        var replyKind = outcome switch
        {
            OrderOutcome.Completed => CisReplyKind.Completed,
            OrderOutcome.Cancelled => CisReplyKind.Cancelled,
            _ => CisReplyKind.Failed,
        };
        var status = outcome switch
        {
            OrderOutcome.Completed => OrderStatus.Completed,
            OrderOutcome.Cancelled => OrderStatus.Cancelled,
            _ => OrderStatus.Failed,
        };
        await CloseAsync(new OrderClosing(
            () => IndexEntry(status, reasonCode),
            () => Reply(replyKind, reasonCode, detail, finalState: state.Point, readings: readings),
            () => Notifications(outcome),
            Release(),
            Unsettled));
        return End(new OrderResult(OrderId.Value, outcome, reasonCode, detail, state.Point, readings));
    }

    /// <summary>What subscribers hear of the order's end: the outcome, and the service point if the order changed it.</summary>
    IReadOnlyList<SubscriberNotification> Notifications(OrderOutcome outcome)
    {
        if (state.Point is null)
        {
            return [];
        }

        var at = Now;
        var type = outcome switch
        {
            OrderOutcome.Completed => NotificationTypes.OrderCompleted,
            OrderOutcome.Cancelled => NotificationTypes.OrderCancelled,
            _ => NotificationTypes.OrderFailed,
        };
        List<SubscriberNotification> notifications = [new($"{OrderId}.{outcome}", type, OrderId.Value, state.Point.ServicePointId, at, outcome, state.Point)];
        if (state.Point != state.Initial)
        {
            notifications.Add(new($"{OrderId}.{NotificationTypes.ServicePointChanged}", NotificationTypes.ServicePointChanged,
                OrderId.Value, state.Point.ServicePointId, at, ServicePoint: state.Point));
        }

        return notifications;
    }

    /// <summary>The service point to release when the order ends, if it holds one.</summary>
    ReleaseServicePointInput? Release() =>
        state.Claimed ? new ReleaseServicePointInput(PointId, OrderId) : null;

    /// <summary>The closing activities, as the order's revision does them; the order holds no service point after.</summary>
    async Task CloseAsync(OrderClosing closing)
    {
        await revision.CloseAsync(this, closing);
        state.Claimed = false;
    }

    Task ReplyAsync(CisReplyKind kind) => CallAsync(WorkflowActivities.SendCisReply, Reply(kind));

    /// <summary>
    /// Tells the CIS (an interim reply of <paramref name="kind"/>) and the subscribers (<paramref name="notificationType"/>)
    /// that the order waits or goes on, in orders of a revision that does (see <see cref="ServiceOrderStart.Revision2"/>).
    /// Each announcement has ids of its own: <c>{orderId}.{kind}.{n}</c>, and <c>{orderId}.{type}.{n}</c> for the event
    /// unless <paramref name="notification"/> gives one. With <paramref name="waitingFor"/>, the same action shows the wait
    /// in the order list (no durable action of its own).
    /// </summary>
    async Task AnnounceAsync(
        CisReplyKind kind,
        string notificationType,
        string? reasonCode,
        string detail,
        DateTimeOffset? until = null,
        SubscriberNotification? notification = null,
        string? waitingFor = null)
    {
        if (!revision.AnnouncesWaits)
        {
            return;
        }

        var n = ++state.Announcements;
        var reply = Reply(kind, reasonCode, detail) with { MessageId = $"{CisReply.MessageIdFor(OrderId.Value, kind)}.{n}", Until = until };
        await CallAsync(WorkflowActivities.AnnounceWait, new AnnounceWaitInput(reply,
        [
            notification ?? new($"{OrderId}.{notificationType}.{n}", notificationType, OrderId.Value, request.ServicePointId, Now, ServicePoint: state.Point),
        ],
            waitingFor is null ? null : IndexEntry(OrderStatus.Open, reasonCode, waitingFor, until)));
    }

    CisReply Reply(
        CisReplyKind kind,
        string? reasonCode = null,
        string? detail = null,
        IReadOnlyList<ValidationError>? errors = null,
        ServicePoint? finalState = null,
        IReadOnlyList<Reading>? readings = null) =>
        new(CisReply.MessageIdFor(OrderId.Value, kind), OrderId.Value, request.RequestingSystem, kind, Now, reasonCode, detail, errors, finalState, readings);

    OrderResult End(OrderResult result)
    {
        Record(TimelineEvent.Replied, detail: result.Outcome.ToString());
        state.Transition(PhaseTrigger.Replied);
        PublishStatus();
        return result;
    }

    void Record(TimelineEvent evt, string? activityId = null, ActivityKind? kind = null, string? detail = null)
    {
        state.Timeline.Add(new TimelineEntry(Now, evt, activityId, kind, detail));
        if (state.Timeline.Count > TimelineLimit)
        {
            state.Timeline.RemoveAt(0);
        }

        PublishStatus();
    }

    void PublishStatus() =>
        context.SetCustomStatus(new OrderProgress(
            state.Phase, state.History.Count, state.CurrentActivityId, state.CurrentActivity, state.Timeline.ToArray(), state.OpenException, state.WaitingUntil).Bounded());
}
