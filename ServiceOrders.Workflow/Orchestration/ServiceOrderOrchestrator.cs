using Microsoft.DurableTask;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Activities;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>
/// One service order, from request to reply: evaluate the service point, let the planner decide, run the activity,
/// wait for its answer with a deadline, record what it reported, and repeat until the planner says the goal holds or
/// nothing more can be done. Both hosts run this class; it only coordinates, the decisions are the planner's.
/// </summary>
public sealed class ServiceOrderOrchestrator : TaskOrchestrator<ServiceOrderStart, OrderResult>
{
    /// <summary>Interim or stray answers one activity may receive before it counts as unanswered.</summary>
    const int MaxAnswersPerActivity = 20;

    public override Task<OrderResult> RunAsync(TaskOrchestrationContext context, ServiceOrderStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new Run(context, input).ExecuteAsync();
    }

    /// <summary>The state of one execution; every field is rebuilt identically on replay.</summary>
    sealed class Run(TaskOrchestrationContext context, ServiceOrderStart start)
    {
        readonly ServiceOrderRequest request = start.Request;
        readonly OrderPolicy policy = start.Policy;
        readonly List<ActivityReport> history = [];
        readonly List<TimelineEntry> timeline = [];
        readonly TaskOptions activityRetries = TaskOptions.FromRetryPolicy(new RetryPolicy(
            maxNumberOfAttempts: start.Policy.RetryOrDefault.MaxAttempts,
            firstRetryInterval: start.Policy.RetryOrDefault.FirstInterval,
            backoffCoefficient: 2,
            maxRetryInterval: TimeSpan.FromMinutes(1)));
        ServicePoint? lastKnown;
        OrderPhase phase = OrderPhase.Evaluating;
        string? currentActivityId;
        ActivityKind? currentActivity;

        string OrderId => request.RequestId;

        DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

        public async Task<OrderResult> ExecuteAsync()
        {
            try
            {
                return await DecideAndActAsync();
            }
            catch (TaskFailedException ex)
            {
                // An activity kept failing through all its retries (storage or an outside system down for long):
                // the order ends as failed, and the CIS is told, rather than the orchestration crashing silently.
                var detail = $"{ex.TaskName} failed after {policy.RetryOrDefault.MaxAttempts} attempts: {ex.FailureDetails.ErrorMessage}";
                Record(TimelineEvent.Stuck, detail: $"{ReasonCodes.ActivityError}: {detail}");
                phase = OrderPhase.Replying;
                await ReplyAsync(CisReplyKind.Failed, ReasonCodes.ActivityError, detail, finalState: lastKnown);
                return End(new OrderResult(OrderId, OrderOutcome.Failed, ReasonCodes.ActivityError, detail, lastKnown, Readings()));
            }
        }

        async Task<OrderResult> DecideAndActAsync()
        {
            Record(TimelineEvent.Received, detail: $"{request.RequestType} at {request.ServicePointId}");

            var point = await context.CallActivityAsync<ServicePoint?>(nameof(LoadServicePoint), request.ServicePointId, activityRetries);
            lastKnown = point;
            if (point is null)
            {
                return await RejectAsync([new(ReasonCodes.UnknownServicePoint, "servicePointId", $"Service point {request.ServicePointId} is not registered.")]);
            }

            var errors = ServiceOrderPlanner.Preconditions(new OrderSituation(request, point, history));
            if (errors.Count > 0)
            {
                return await RejectAsync(errors);
            }

            await ReplyAsync(CisReplyKind.Acknowledged);
            Record(TimelineEvent.Acknowledged);
            var initial = point;

            // The planner stops every order within its step bound; the loop's own bound is a second guard.
            for (var step = 1; step <= policy.Planning.MaxSteps + 1; step++)
            {
                var next = ServiceOrderPlanner.Decide(new OrderSituation(request, point, history), policy.Planning);
                switch (next)
                {
                    case GoalReached goal:
                        Record(TimelineEvent.GoalReached, detail: goal.Summary);
                        return await FinishAsync(OrderOutcome.Completed, null, goal.Summary, initial, point);

                    case CannotProceed stuck:
                        Record(TimelineEvent.Stuck, detail: $"{stuck.ReasonCode}: {stuck.Detail}");
                        return await FinishAsync(OrderOutcome.Failed, stuck.ReasonCode, stuck.Detail, initial, point);

                    case PerformActivity activity:
                        var report = await PerformAsync(activity.Kind, OrderIds.ActivityId(OrderId, step), point);
                        history.Add(report);
                        if (report.Succeeded)
                        {
                            point = await context.CallActivityAsync<ServicePoint>(
                                nameof(RecordActivityReport), new RecordActivityReportInput(point.ServicePointId, report), activityRetries);
                            lastKnown = point;
                        }

                        break;
                }
            }

            return await FinishAsync(OrderOutcome.Failed, ReasonCodes.StepBoundReached, "The order ran out of steps.", initial, point);
        }

        async Task<ActivityReport> PerformAsync(ActivityKind kind, string activityId, ServicePoint point)
        {
            currentActivityId = activityId;
            currentActivity = kind;

            if (ActivityKinds.ChannelOf(kind) == ActivityChannel.Field)
            {
                var dueBy = Now + policy.FieldDeadline;
                var dispatch = new FieldDispatch(
                    activityId, OrderId, kind, point.ServicePointId, point.Commodity, point.Meter?.MeterId,
                    kind is ActivityKind.InstallMeter or ActivityKind.ExchangeMeter ? request.NewMeter : null,
                    dueBy);
                await context.CallActivityAsync<bool>(nameof(DispatchFieldWork), dispatch, activityRetries);
                phase = OrderPhase.WaitingForCrew;
                Record(TimelineEvent.Dispatched, activityId, kind);

                var completed = await WaitForAnswerAsync<FieldWorkCompleted>(OrderEvents.FieldWorkCompleted, activityId, dueBy);
                return Finished(completed?.Completion.ToReport(activityId, kind)
                    ?? new ActivityReport(activityId, kind, ActivityResult.TimedOut, Detail: "No completion from the crew before the deadline"));
            }

            var meterId = point.Meter?.MeterId
                ?? throw new InvalidOperationException($"The planner chose {kind} for a service point without a meter.");
            var expiresAt = Now + policy.CommandDeadline;
            var command = new HeadEndCommand(activityId, OrderId, kind, meterId, CommandReasons.For(request.RequestType), expiresAt);
            await context.CallActivityAsync<bool>(nameof(SendHeadEndCommand), command, activityRetries);
            phase = OrderPhase.WaitingForHeadEnd;
            Record(TimelineEvent.CommandSent, activityId, kind);

            // Head-end answers come in steps (accepted, then done); any number of them ends at the command's expiry.
            for (var answers = 0; answers < MaxAnswersPerActivity; answers++)
            {
                var answer = await WaitForAnswerAsync<HeadEndAnswered>(OrderEvents.HeadEndAnswered, activityId, expiresAt);
                if (answer is null)
                {
                    return Finished(new ActivityReport(activityId, kind, ActivityResult.TimedOut, Detail: "No answer from the head-end before the command expired"));
                }

                if (answer.Result.IsFinal)
                {
                    return Finished(answer.Result.ToReport(activityId, kind));
                }

                Record(TimelineEvent.CommandAccepted, activityId, kind);
            }

            return Finished(new ActivityReport(activityId, kind, ActivityResult.Failed, Detail: "The head-end sent interim answers only"));
        }

        ActivityReport Finished(ActivityReport report)
        {
            var evt = report.Result switch
            {
                ActivityResult.Succeeded => TimelineEvent.Succeeded,
                ActivityResult.NotDone => TimelineEvent.NotDone,
                ActivityResult.TimedOut => TimelineEvent.TimedOut,
                _ => TimelineEvent.Failed,
            };
            phase = OrderPhase.Evaluating;
            currentActivityId = null;
            currentActivity = null;
            Record(evt, report.ActivityId, report.Kind, report.Detail ?? Describe(report));
            return report;
        }

        /// <summary>
        /// Waits for the answer to one activity until its deadline. Answers for other activities of this order (late,
        /// or repeated) are recorded and ignored; they never complete the wrong activity.
        /// </summary>
        async Task<T?> WaitForAnswerAsync<T>(string eventName, string activityId, DateTimeOffset deadline)
            where T : class, IActivityAnswer
        {
            for (var ignored = 0; ignored < MaxAnswersPerActivity; ignored++)
            {
                var remaining = deadline - Now;
                if (remaining <= TimeSpan.Zero)
                {
                    return null;
                }

                T answer;
                try
                {
                    answer = await context.WaitForExternalEvent<T>(eventName, remaining);
                }
                catch (TaskCanceledException)
                {
                    return null;
                }

                if (answer.ActivityId == activityId)
                {
                    return answer;
                }

                Record(TimelineEvent.IgnoredMessage, answer.ActivityId, detail: $"{eventName} for {answer.ActivityId} while waiting for {activityId}");
            }

            // A flood of stray answers: treat the activity as unanswered rather than let the history grow without end.
            return null;
        }

        async Task<OrderResult> RejectAsync(IReadOnlyList<ValidationError> errors)
        {
            var detail = string.Join(" ", errors.Select(e => e.Message));
            Record(TimelineEvent.Rejected, detail: string.Join(", ", errors.Select(e => e.Code)));
            phase = OrderPhase.Replying;
            await ReplyAsync(CisReplyKind.Rejected, errors[0].Code, detail, errors);
            return End(new OrderResult(OrderId, OrderOutcome.Rejected, errors[0].Code, detail, null, [], errors));
        }

        async Task<OrderResult> FinishAsync(OrderOutcome outcome, string? reasonCode, string detail, ServicePoint initial, ServicePoint point)
        {
            phase = OrderPhase.Replying;
            PublishStatus();
            var readings = Readings();
            var replyKind = outcome == OrderOutcome.Completed ? CisReplyKind.Completed : CisReplyKind.Failed;
            await ReplyAsync(replyKind, reasonCode, detail, finalState: point, readings: readings);

            var at = Now;
            List<SubscriberNotification> notifications =
            [
                new($"{OrderId}.{outcome}", outcome == OrderOutcome.Completed ? NotificationTypes.OrderCompleted : NotificationTypes.OrderFailed,
                    OrderId, point.ServicePointId, at, outcome, point),
            ];
            if (point != initial)
            {
                notifications.Add(new($"{OrderId}.{NotificationTypes.ServicePointChanged}", NotificationTypes.ServicePointChanged,
                    OrderId, point.ServicePointId, at, ServicePoint: point));
            }

            await context.CallActivityAsync<bool>(nameof(NotifySubscribers), notifications, activityRetries);
            return End(new OrderResult(OrderId, outcome, reasonCode, detail, point, readings));
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
            await context.CallActivityAsync<bool>(nameof(SendCisReply), reply, activityRetries);
        }

        List<Reading> Readings() => history.Where(h => h.Succeeded).SelectMany(h => h.ReadingsOrEmpty).ToList();

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
            PublishStatus();
        }

        void PublishStatus() =>
            context.SetCustomStatus(new OrderProgress(phase, history.Count, currentActivityId, currentActivity, timeline.ToArray()));

        static string? Describe(ActivityReport report)
        {
            var parts = new List<string>();
            if (report.InstalledMeter is { } meter)
            {
                parts.Add($"meter {meter.MeterId} ({meter.Class})");
            }

            if (report.Switch is { } s)
            {
                parts.Add($"switch {s}");
            }

            foreach (var reading in report.ReadingsOrEmpty)
            {
                parts.Add($"{reading.Register} {reading.Value} {reading.Unit}");
            }

            return parts.Count == 0 ? null : string.Join(", ", parts);
        }
    }
}
