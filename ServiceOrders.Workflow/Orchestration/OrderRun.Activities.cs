using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Workflow.Orchestration;

internal sealed partial class OrderRun
{
    /// <summary>
    /// What must pass before an activity runs: its back-off, the disconnect rules, and the pacing of a mass run.
    /// Returns proceed = false to decide again (time passed, or the order was cancelled), or a rule that blocks for good.
    /// </summary>
    async Task<(bool Proceed, CannotProceed? Blocked)> ClearToPerformAsync(PerformActivity activity)
    {
        if (activity.Delay > TimeSpan.Zero)
        {
            Record(TimelineEvent.RetryScheduled, kind: activity.Kind, detail: activity.Reason);
            if (await WaitUntilAsync(Now + activity.Delay, PhaseTrigger.BackOff) == Woken.Cancellation)
            {
                return (false, null);
            }
        }

        if (IsCancelled || request.RequestType != RequestType.CutForNonPayment || !IsDisconnect(activity.Kind))
        {
            return (true, null);
        }

        var forecast = await CallAsync(
            WorkflowActivities.GetWeatherForecast, new GetWeatherForecastInput(PointId, Now, policy.Disconnects.ForecastHorizon));
        switch (DisconnectRules.Check(policy.Disconnects, request, Now, forecast, state.FirstBlockedAt, state.Point))
        {
            case DisconnectForbidden forbidden:
                return (false, new CannotProceed(forbidden.ReasonCode, forbidden.Detail));

            case DisconnectNotBefore notBefore:
                state.FirstBlockedAt ??= Now;
                Record(TimelineEvent.Deferred, kind: activity.Kind, detail: $"{notBefore.ReasonCode}: {notBefore.Detail} Until {notBefore.Until:u}.");
                if (state.AnnouncedDeferral != notBefore.ReasonCode)
                {
                    state.AnnouncedDeferral = notBefore.ReasonCode;
                    await AnnounceAsync(CisReplyKind.Deferred, NotificationTypes.OrderDeferred, notBefore.ReasonCode, notBefore.Detail, notBefore.Until,
                        waitingFor: WaitRecorder.Deferral(notBefore.ReasonCode));
                    Measure(() => ServiceOrdersMetrics.Deferred(request.RequestType, notBefore.ReasonCode));
                }

                await WaitUntilAsync(notBefore.Until, PhaseTrigger.WindowAhead);
                return (false, null);
        }

        if (activity.Kind == ActivityKind.RemoteDisconnect && policy.DisconnectSpacing > TimeSpan.Zero && state.Point!.Meter is { } meter)
        {
            var slot = await CallAsync(WorkflowActivities.ReserveCommandSlot,
                new ReserveCommandSlotInput(meter.HeadEndId, $"{OrderId}.{state.LastStep + 1}", Now, policy.DisconnectSpacing));
            if (slot > Now)
            {
                Record(TimelineEvent.Staggered, kind: activity.Kind, detail: $"Head-end {meter.HeadEndId} slot at {slot:u}.");
                if (await WaitUntilAsync(slot, PhaseTrigger.WindowAhead) == Woken.Cancellation)
                {
                    return (false, null);
                }
            }
        }

        return (true, null);
    }

    async Task<Woken> WaitUntilAsync(DateTimeOffset until, PhaseTrigger waiting)
    {
        state.Transition(waiting);
        state.WaitingUntil = until;
        PublishStatus();
        var woken = await WaitAsync(until);
        state.Transition(PhaseTrigger.WaitOver);
        state.WaitingUntil = null;
        return woken;
    }

    static bool IsDisconnect(ActivityKind kind) =>
        kind is ActivityKind.RemoteDisconnect or ActivityKind.CutForNonPayment or ActivityKind.TurnOff;

    /// <summary>Runs one activity: dispatch or send it, then wait for its answer until its deadline.</summary>
    async Task<ActivityReport> PerformAsync(ActivityKind kind)
    {
        var step = NextStep();
        state.CurrentActivityId = OrderIds.StepId(OrderId, step);
        state.CurrentActivity = kind;
        var began = Now;
        var headEndId = state.Point?.Meter?.HeadEndId;
        var report = ActivityKinds.ChannelOf(kind) == ActivityChannel.Field
            ? await PerformFieldWorkAsync(kind, OrderIds.FieldActivity(OrderId, step))
            : await PerformCommandAsync(kind, OrderIds.Command(OrderId, step));
        Measure(() =>
        {
            if (ActivityKinds.ChannelOf(kind) == ActivityChannel.Field)
            {
                ServiceOrdersMetrics.FieldActivityEnded(kind.ToString(), report.Result.ToString(), Now - began);
            }
            else
            {
                ServiceOrdersMetrics.CommandEnded(headEndId ?? "unknown", kind.ToString(), report.Result.ToString(), Now - began);
            }
        });

        state.Transition(PhaseTrigger.ActivityEnded);
        state.CurrentActivityId = null;
        state.CurrentActivity = null;
        var outcome = report.Result switch
        {
            ActivityResult.Succeeded => TimelineEvent.Succeeded,
            ActivityResult.NotDone => TimelineEvent.NotDone,
            ActivityResult.TimedOut => TimelineEvent.TimedOut,
            _ => TimelineEvent.Failed,
        };
        Record(outcome, report.ActivityId, report.Kind, report.Detail ?? Describe(report));
        return report;
    }

    async Task<ActivityReport> PerformFieldWorkAsync(ActivityKind kind, FieldActivityId activityId)
    {
        var dueBy = Now + policy.FieldDeadline;
        var dispatch = new FieldDispatch(
            activityId, OrderId, kind, new ServicePointId(state.Point!.ServicePointId), state.Point.Commodity, state.Point.Meter?.MeterId is { } meter ? new MeterId(meter) : null,
            kind is ActivityKind.InstallMeter or ActivityKind.ExchangeMeter ? request.NewMeter : null,
            dueBy,
            request.Contact,
            request.Emergency,
            kind == ActivityKind.FieldRead ? request.ReadKind : null);
        if (revision.IsLean)
        {
            await CallAsync(WorkflowActivities.DispatchFieldWorkStep, new FieldDispatchStep(dispatch, Unsettled()));
        }
        else
        {
            await CallAsync(WorkflowActivities.DispatchFieldWork, dispatch);
        }

        state.Transition(PhaseTrigger.Dispatched);
        Record(TimelineEvent.Dispatched, activityId.Value, kind);

        var report = await AwaitCrewAsync(kind, activityId, dueBy);
        if (revision.IsLean)
        {
            // The wait is over: the next activity takes the deadline off the board (if the sweep has not already).
            state.Unsettled.Add(new DeadlineEntry(OrderId, StepId.Of(activityId), dueBy));
        }

        return report;
    }

    async Task<ActivityReport> AwaitCrewAsync(ActivityKind kind, FieldActivityId activityId, DateTimeOffset dueBy)
    {
        if (TakeEarly(activityId.Value, kind) is { } early)
        {
            return early;
        }

        using var deadline = revision.IsLean ? null : revision.SharedDeadline(context, dueBy);
        for (var answers = 0; answers < MaxAnswersPerWait; answers++)
        {
            switch (await WaitForAnswerAsync(activityId.Value, dueBy, crews.Next, deadline))
            {
                case Woken.Deadline:
                    return new ActivityReport(activityId.Value, kind, ActivityResult.TimedOut, Detail: $"No completion from the crew by {dueBy:u}");

                case Woken.StrayDeadline:
                    break;

                case Woken.Cancellation:
                    // The crew may already be at work: ask to call it off, and keep waiting for what the crew reports.
                    await CallAsync(WorkflowActivities.CancelFieldWork, new FieldCancellation(activityId, OrderId, state.Cancelled!.Reason));
                    Record(TimelineEvent.CancelSent, activityId.Value, kind);
                    break;

                default:
                    var answer = await crews.TakeAsync();
                    if (answer.ActivityId == activityId)
                    {
                        return answer.Completion.ToReport(activityId.Value, kind);
                    }

                    if (!KeepEarly(answer))
                    {
                        Record(TimelineEvent.IgnoredMessage, answer.ActivityId.Value, detail: $"Crew completion for {answer.ActivityId} while waiting for {activityId}");
                    }

                    break;
            }
        }

        return new ActivityReport(activityId.Value, kind, ActivityResult.TimedOut, Detail: "Only stray answers arrived");
    }

    /// <summary>
    /// Puts on the timeline the answers that came while no activity waited for them (a repeat, or one after its
    /// activity closed), so that each is visible even when no later wait takes it. They arrived already: no new
    /// durable action, nothing changes for orders in flight.
    /// </summary>
    async Task RecordStrayAnswersAsync()
    {
        while (crews.HasArrived)
        {
            var answer = await crews.TakeAsync();
            if (!KeepEarly(answer))
            {
                Record(TimelineEvent.IgnoredMessage, answer.ActivityId.Value, detail: $"Crew completion for {answer.ActivityId}, which no longer waits for one");
            }
        }

        while (headEnd.HasArrived)
        {
            var answer = await headEnd.TakeAsync();
            if (!KeepEarly(answer))
            {
                Record(TimelineEvent.IgnoredMessage, answer.ActivityId.Value, detail: $"Head-end answer for {answer.ActivityId}, which no longer waits for one");
            }
        }

        while (revision.IsLean && deadlines.HasArrived)
        {
            var deadline = await deadlines.TakeAsync();
            Record(TimelineEvent.IgnoredMessage, deadline.ActivityId, detail: $"Deadline of {deadline.ActivityId} ({deadline.DueAt:u}), which no longer waits for an answer");
        }
    }

    async Task<ActivityReport> PerformCommandAsync(ActivityKind kind, CommandId activityId)
    {
        var meterId = state.Point!.Meter?.MeterId
            ?? throw new InvalidOperationException($"The planner chose {kind} for a service point without a meter.");
        var expiresAt = Now + policy.CommandDeadline;
        var command = new HeadEndCommand(activityId, OrderId, kind, new MeterId(meterId), CommandReasons.For(request.RequestType), expiresAt, state.Point.Meter!.HeadEndId);
        var submission = revision.IsLean
            ? await CallAsync(WorkflowActivities.SendHeadEndCommandStep, new HeadEndCommandStep(command, Unsettled()))
            : await CallAsync(WorkflowActivities.SendHeadEndCommand, command);
        if (!submission.Accepted)
        {
            return new ActivityReport(activityId.Value, kind, ActivityResult.Rejected, Detail: submission.Refusal);
        }

        state.Transition(PhaseTrigger.CommandSent);
        Record(TimelineEvent.CommandSent, activityId.Value, kind);

        var report = await AwaitHeadEndAsync(kind, activityId, expiresAt);
        if (revision.IsLean)
        {
            // The wait is over: the next activity takes the deadline off the board (if the sweep has not already).
            state.Unsettled.Add(new DeadlineEntry(OrderId, StepId.Of(activityId), expiresAt));
        }

        return report;
    }

    async Task<ActivityReport> AwaitHeadEndAsync(ActivityKind kind, CommandId activityId, DateTimeOffset expiresAt)
    {
        // Head-end answers come in steps (accepted, then done). A command cannot be called back: after a
        // cancellation the order still waits for its answer, so that what it did is known and can be undone.
        if (TakeEarly(activityId.Value, kind) is { } early)
        {
            return early;
        }

        using var deadline = revision.IsLean ? null : revision.SharedDeadline(context, expiresAt);
        for (var answers = 0; answers < MaxAnswersPerWait; answers++)
        {
            switch (await WaitForAnswerAsync(activityId.Value, expiresAt, headEnd.Next, deadline))
            {
                case Woken.Deadline:
                    return new ActivityReport(activityId.Value, kind, ActivityResult.TimedOut, Detail: $"No answer from the head-end by {expiresAt:u}");

                case Woken.Cancellation:
                case Woken.StrayDeadline:
                    break;

                default:
                    var answer = await headEnd.TakeAsync();
                    if (answer.ActivityId != activityId)
                    {
                        if (!KeepEarly(answer))
                        {
                            Record(TimelineEvent.IgnoredMessage, answer.ActivityId.Value, detail: $"Head-end answer for {answer.ActivityId} while waiting for {activityId}");
                        }
                    }
                    else if (answer.Result.IsFinal)
                    {
                        return answer.Result.ToReport(activityId.Value, kind);
                    }
                    else
                    {
                        Record(TimelineEvent.CommandAccepted, activityId.Value, kind);
                    }

                    break;
            }
        }

        return new ActivityReport(activityId.Value, kind, ActivityResult.Failed, Detail: "The head-end sent interim answers only");
    }

    /// <summary>
    /// Revision 3: keeps a final head-end answer to a step this order has not reached yet (see
    /// <see cref="OrderRunState.EarlyAnswers"/>) for when it gets there, and says whether it did.
    /// </summary>
    bool KeepEarly(HeadEndAnswered answer) =>
        answer.Result.IsFinal
        && KeepEarly(answer.ActivityId.Value, kind => answer.Result.ToReport(answer.ActivityId.Value, kind), "Head-end answer");

    /// <summary>Revision 3: as <see cref="KeepEarly(HeadEndAnswered)"/>, for a crew's completion.</summary>
    bool KeepEarly(FieldWorkCompleted answer) =>
        KeepEarly(answer.ActivityId.Value, kind => answer.Completion.ToReport(answer.ActivityId.Value, kind), "Crew completion");

    bool KeepEarly(string stepId, Func<ActivityKind, ActivityReport> report, string what)
    {
        if (!revision.IsLean || !IsStepAhead(stepId))
        {
            return false;
        }

        state.EarlyAnswers.TryAdd(stepId, report);
        Record(TimelineEvent.EarlyAnswerKept, stepId, detail: $"{what} for {stepId}, a step this order has not reached yet");
        return true;
    }

    /// <summary>Revision 3: the report of an answer kept for <paramref name="stepId"/> before the order reached it, if one came.</summary>
    ActivityReport? TakeEarly(string stepId, ActivityKind kind)
    {
        if (!revision.IsLean || !state.EarlyAnswers.Remove(stepId, out var report))
        {
            return null;
        }

        Record(TimelineEvent.EarlyAnswerTaken, stepId, kind);
        return report(kind);
    }

    /// <summary>Whether <paramref name="stepId"/> is a step of this order after the last one it took.</summary>
    bool IsStepAhead(string stepId) =>
        OrderIds.StepNumberOf(OrderId, stepId) is { } step && step > state.LastStep;

    static string? Describe(ActivityReport report)
    {
        var parts = new List<string>();
        if (report.InstalledMeter is { } meter)
        {
            parts.Add($"meter {meter.MeterId} ({meter.Class})");
        }

        if (report.RemovedMeterId is { } removed)
        {
            parts.Add($"removed {removed}");
        }

        if (report.Switch is { } s)
        {
            parts.Add($"switch {s}");
        }

        foreach (var reading in report.ReadingsOrEmpty.Take(3))
        {
            parts.Add($"{reading.Register} {reading.Value} {reading.Unit}");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
