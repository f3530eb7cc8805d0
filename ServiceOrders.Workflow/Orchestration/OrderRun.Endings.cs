using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Orchestration;

internal sealed partial class OrderRun
{
    /// <summary>Most timeline entries the status keeps; the oldest give way first.</summary>
    const int TimelineLimit = 200;

    async Task<OrderResult> RejectAsync(IReadOnlyList<ValidationError> errors)
    {
        var detail = string.Join(" ", errors.Select(e => e.Message));
        Record(TimelineEvent.Rejected, detail: string.Join(", ", errors.Select(e => e.Code)));
        phase = OrderPhase.Replying;
        if (FromRevision1)
        {
            await CloseAsync(IndexEntry(OrderStatus.Rejected, errors[0].Code), Reply(CisReplyKind.Rejected, errors[0].Code, detail, errors), []);
        }
        else
        {
            // The order list first: whoever hears of the outcome finds it there already.
            await IndexAsync(OrderStatus.Rejected, errors[0].Code);
            await ReplyAsync(CisReplyKind.Rejected, errors[0].Code, detail, errors);
            await ReleaseAsync();
        }

        return End(new OrderResult(OrderId, OrderOutcome.Rejected, errors[0].Code, detail, null, [], errors));
    }

    Task<OrderResult> FinishCancelledAsync(string detail) =>
        FinishAsync(OrderOutcome.Cancelled, ReasonCodes.Cancelled, $"{cancelled?.Reason ?? "Cancelled"}. {detail}");

    async Task<OrderResult> FinishAsync(OrderOutcome outcome, string? reasonCode, string detail)
    {
        await RecordStrayAnswersAsync();
        phase = OrderPhase.Replying;
        PublishStatus();
        var readings = history.Where(h => h.Succeeded).SelectMany(h => h.ReadingsOrEmpty).ToList();
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
        if (FromRevision1)
        {
            var reply = Reply(replyKind, reasonCode, detail, finalState: point, readings: readings);
            await CloseAsync(IndexEntry(status, reasonCode), reply, Notifications(outcome));
            return End(new OrderResult(OrderId, outcome, reasonCode, detail, point, readings));
        }

        // The order list first: whoever hears of the outcome finds it there already.
        await IndexAsync(status, reasonCode);
        await ReplyAsync(replyKind, reasonCode, detail, finalState: point, readings: readings);

        if (point is not null)
        {
            await CallAsync(WorkflowActivities.NotifySubscribers, Notifications(outcome));
        }

        await ReleaseAsync();
        return End(new OrderResult(OrderId, outcome, reasonCode, detail, point, readings));
    }

    /// <summary>What subscribers hear of the order's end: the outcome, and the service point if the order changed it.</summary>
    IReadOnlyList<SubscriberNotification> Notifications(OrderOutcome outcome)
    {
        if (point is null)
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
        List<SubscriberNotification> notifications = [new($"{OrderId}.{outcome}", type, OrderId, point.ServicePointId, at, outcome, point)];
        if (point != initial)
        {
            notifications.Add(new($"{OrderId}.{NotificationTypes.ServicePointChanged}", NotificationTypes.ServicePointChanged,
                OrderId, point.ServicePointId, at, ServicePoint: point));
        }

        return notifications;
    }

    /// <summary>Revision 1 on: the order list, the CIS reply, the subscribers and the release in one activity.</summary>
    async Task CloseAsync(OrderIndexEntry index, CisReply reply, IReadOnlyList<SubscriberNotification> notifications)
    {
        await CallAsync(WorkflowActivities.CloseOrder, new CloseOrderInput(
            index, reply, notifications, claimed ? new ReleaseServicePointInput(request.ServicePointId, OrderId) : null));
        claimed = false;
    }

    async Task ReleaseAsync()
    {
        if (claimed)
        {
            await CallAsync(WorkflowActivities.ReleaseServicePoint, new ReleaseServicePointInput(request.ServicePointId, OrderId));
            claimed = false;
        }
    }

    Task ReplyAsync(
        CisReplyKind kind,
        string? reasonCode = null,
        string? detail = null,
        IReadOnlyList<ValidationError>? errors = null,
        ServicePoint? finalState = null,
        IReadOnlyList<Reading>? readings = null) =>
        CallAsync(WorkflowActivities.SendCisReply, Reply(kind, reasonCode, detail, errors, finalState, readings));

    CisReply Reply(
        CisReplyKind kind,
        string? reasonCode = null,
        string? detail = null,
        IReadOnlyList<ValidationError>? errors = null,
        ServicePoint? finalState = null,
        IReadOnlyList<Reading>? readings = null) =>
        new(CisReply.MessageIdFor(OrderId, kind), OrderId, request.RequestingSystem, kind, Now, reasonCode, detail, errors, finalState, readings);

    OrderResult End(OrderResult result)
    {
        Record(TimelineEvent.Replied, detail: result.Outcome.ToString());
        phase = OrderPhase.Ended;
        PublishStatus();
        return result;
    }

    void Record(TimelineEvent evt, string? activityId = null, ActivityKind? kind = null, string? detail = null)
    {
        timeline.Add(new TimelineEntry(Now, evt, activityId, kind, detail));
        if (timeline.Count > TimelineLimit)
        {
            timeline.RemoveAt(0);
        }

        PublishStatus();
    }

    void PublishStatus() =>
        context.SetCustomStatus(new OrderProgress(
            phase, history.Count, currentActivityId, currentActivity, timeline.ToArray(), openException, waitingUntil));
}
