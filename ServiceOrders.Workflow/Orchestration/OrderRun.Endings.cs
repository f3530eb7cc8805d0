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
        // The order list first: whoever hears of the outcome finds it there already.
        await IndexAsync(OrderStatus.Rejected, errors[0].Code);
        await ReplyAsync(CisReplyKind.Rejected, errors[0].Code, detail, errors);
        await ReleaseAsync();
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
        // The order list first: whoever hears of the outcome finds it there already.
        await IndexAsync(
            outcome switch
            {
                OrderOutcome.Completed => OrderStatus.Completed,
                OrderOutcome.Cancelled => OrderStatus.Cancelled,
                _ => OrderStatus.Failed,
            },
            reasonCode);
        await ReplyAsync(replyKind, reasonCode, detail, finalState: point, readings: readings);

        if (point is not null)
        {
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

            await CallAsync<bool>(nameof(NotifySubscribers), (IReadOnlyList<SubscriberNotification>)notifications);
        }

        await ReleaseAsync();
        return End(new OrderResult(OrderId, outcome, reasonCode, detail, point, readings));
    }

    async Task ReleaseAsync()
    {
        if (claimed)
        {
            await CallAsync<bool>(nameof(ReleaseServicePoint), new ReleaseServicePointInput(request.ServicePointId, OrderId));
            claimed = false;
        }
    }

    async Task ReplyAsync(
        CisReplyKind kind,
        string? reasonCode = null,
        string? detail = null,
        IReadOnlyList<ValidationError>? errors = null,
        ServicePoint? finalState = null,
        IReadOnlyList<Reading>? readings = null)
    {
        var reply = new CisReply(
            CisReply.MessageIdFor(OrderId, kind), OrderId, request.RequestingSystem, kind, Now,
            reasonCode, detail, errors, finalState, readings);
        await CallAsync<bool>(nameof(SendCisReply), reply);
    }

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
