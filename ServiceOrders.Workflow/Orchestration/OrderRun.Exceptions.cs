using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Workflow.Orchestration;

internal sealed partial class OrderRun
{
    /// <summary>
    /// Nothing can move the order: put it on the exception list and wait for an operator (retry, skip, record as done,
    /// or cancel) until the exception deadline. Returns null when the order goes on, or how it ended.
    /// </summary>
    async Task<OrderResult?> ResolveExceptionAsync(string reasonCode, string detail, ActivityKind? stuck)
    {
        // Listed and announced first: an order that shows the Exception phase is on the operators' list.
        var since = Now;
        await CallAsync(WorkflowActivities.OpenException,
            new OrderException(OrderId.Value, request.ServicePointId, request.RequestType, reasonCode, detail, stuck, since));
        SubscriberNotification raised = new(
            $"{OrderId}.exception.{state.LastStep}.{state.Timeline.Count}", NotificationTypes.OrderException, OrderId.Value, request.ServicePointId, since, ServicePoint: state.Point);
        if (revision.AnnouncesWaits)
        {
            await AnnounceAsync(CisReplyKind.Exception, raised.Type, reasonCode, detail, notification: raised);
        }
        else
        {
            await CallAsync(WorkflowActivities.NotifySubscribers, [raised]);
        }
        await IndexAsync(OrderStatus.Exception, reasonCode);
        state.Transition(PhaseTrigger.ExceptionRaised);
        state.OpenException = new ExceptionInfo(reasonCode, detail, stuck, since);
        Record(TimelineEvent.ExceptionRaised, kind: stuck, detail: $"{reasonCode}: {detail}");

        var deadline = Now + policy.ExceptionDeadline;
        using var deadlineTimer = revision.SharedDeadline(context, deadline);
        for (var actions = 0; actions < MaxAnswersPerWait; actions++)
        {
            await RecordStrayAnswersAsync();
            var woken = await WaitAsync(deadline, operators.Next, deadlineTimer);
            if (woken == Woken.Deadline)
            {
                await CloseExceptionAsync();
                return await FinishAsync(OrderOutcome.Failed, reasonCode, $"No operator resolved the exception by {deadline:u}: {detail}");
            }

            if (woken == Woken.Cancellation)
            {
                await CloseExceptionAsync();
                return null;
            }

            var action = await operators.TakeAsync();
            Record(TimelineEvent.OperatorAction, kind: stuck, detail: $"{action.Action} by {action.Operator}{(action.Note is null ? "" : ": " + action.Note)}");
            switch (action.Action)
            {
                case OperatorActionKind.Retry:
                    state.CountFrom = state.History.Count;
                    await CloseExceptionAsync();
                    await AnnounceResumedAsync(action);
                    return null;

                case OperatorActionKind.Cancel when IsCancelled:
                    await CloseExceptionAsync();
                    return await FinishCancelledAsync($"Undoing the order was abandoned by {action.Operator}.");

                case OperatorActionKind.Cancel:
                    state.Cancelled = new CancelRequested(action.Note ?? "Cancelled by an operator", action.Operator);
                    await CloseExceptionAsync();
                    return null;

                case OperatorActionKind.Skip or OperatorActionKind.RecordDone when stuck is { } kind:
                    await CloseExceptionAsync();
                    await AnnounceResumedAsync(action);
                    await RecordAsync(DoneByOperator(kind, action));
                    return null;

                default:
                    Record(TimelineEvent.IgnoredMessage, detail: $"{action.Action} needs an activity to act on; the order is stuck on none.");
                    break;
            }
        }

        await CloseExceptionAsync();
        return await FinishAsync(OrderOutcome.Failed, reasonCode, $"Too many operator actions without a resolution: {detail}");
    }

    /// <summary>What an operator's skip or manual completion says the stuck activity did.</summary>
    ActivityReport DoneByOperator(ActivityKind kind, OperatorAction action)
    {
        var id = OrderIds.StepId(OrderId, NextStep());
        var by = $"{action.Action} by {action.Operator}";
        return action is { Action: OperatorActionKind.RecordDone, Completion: { } completion }
            ? completion.ToReport(id, kind) with { Result = ActivityResult.Succeeded, ByOperator = true, Detail = by }
            : new ActivityReport(id, kind, ActivityResult.Succeeded, Detail: by, ByOperator: true);
    }

    Task AnnounceResumedAsync(OperatorAction action) =>
        AnnounceAsync(CisReplyKind.Resumed, NotificationTypes.OrderResumed, null, $"{action.Action} by {action.Operator}; the order goes on.");

    async Task CloseExceptionAsync()
    {
        if (state.OpenException is { } open)
        {
            Measure(() => ServiceOrdersMetrics.ExceptionClosed(request.RequestType, open.ReasonCode, Now - open.Since));
        }

        state.OpenException = null;
        state.Transition(PhaseTrigger.ExceptionClosed);
        await CallAsync(WorkflowActivities.CloseException, OrderId);
        await IndexAsync(OrderStatus.Open);
    }
}
