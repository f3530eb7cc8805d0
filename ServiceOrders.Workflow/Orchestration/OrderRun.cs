using Microsoft.DurableTask;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>One execution of an order: runs it through its phases, keeping where it stands in <see cref="OrderRunState"/>.</summary>
internal sealed partial class OrderRun : IActivityCaller
{
    /// <summary>Decisions one order may take, a guard above the planner's own step bound and operator retries.</summary>
    const int MaxDecisions = 200;

    /// <summary>Interim or stray answers one wait may receive before it counts as unanswered.</summary>
    const int MaxAnswersPerWait = 20;

    readonly TaskOrchestrationContext context;
    readonly ServiceOrderStart start;
    readonly ServiceOrderRequest request;
    readonly OrderPolicy policy;
    readonly EventInbox<FieldWorkCompleted> crews;
    readonly EventInbox<HeadEndAnswered> headEnd;
    readonly EventInbox<CancelRequested> cancellations;
    readonly EventInbox<OrderUpdated> updates;
    readonly EventInbox<OperatorAction> operators;
    readonly EventInbox<DeadlinePassed> deadlines;

    /// <summary>What differs between revisions of the orchestrator, chosen by the revision the order started with.</summary>
    readonly IRevisionBehaviour revision;

    /// <summary>Where the order stands; every field of it is rebuilt identically on replay.</summary>
    readonly OrderRunState state = new();

    public OrderRun(TaskOrchestrationContext context, ServiceOrderStart start)
    {
        this.context = context;
        this.start = start;
        request = start.Request;
        policy = start.Policy;
        revision = RevisionBehaviour.For(start.Revision);
        crews = new(context, OrderEvents.FieldWorkCompleted);
        headEnd = new(context, OrderEvents.HeadEndAnswered);
        cancellations = new(context, OrderEvents.CancelRequested);
        updates = new(context, OrderEvents.OrderUpdated);
        operators = new(context, OrderEvents.OperatorAction);
        deadlines = new(context, OrderEvents.DeadlinePassed);
    }

    OrderId OrderId => new(request.RequestId);

    ServicePointId PointId => new(request.ServicePointId);

    bool IsCancelled => state.IsCancelled;

    DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    /// <summary>
    /// Records a figure about the order, from the orchestration's own clock, when it first happens: not again while the
    /// engine replays the history. It has no effect on what the order does, so replays stay deterministic.
    /// </summary>
    void Measure(Action record)
    {
        if (!context.IsReplaying)
        {
            record();
        }
    }

    public async Task<OrderResult> ExecuteAsync()
    {
        try
        {
            return await RunAsync();
        }
        catch (TaskFailedException ex)
        {
            // An activity kept failing through all its retries (storage or an outside system down for long):
            // the order ends as failed, and the CIS is told, rather than the orchestration crashing silently.
            var detail = $"{ex.TaskName} failed after {policy.RetryOrDefault.MaxAttempts} attempts: {ex.FailureDetails.ErrorMessage}";
            Record(TimelineEvent.Stuck, detail: $"{ReasonCodes.ActivityError}: {detail}");
            return await FinishAsync(OrderOutcome.Failed, ReasonCodes.ActivityError, detail, PhaseTrigger.ActivityFailed);
        }
    }

    async Task<OrderResult> RunAsync()
    {
        Record(TimelineEvent.Received, detail: $"{request.RequestType} at {request.ServicePointId}");

        if (revision.IsLean)
        {
            if (await AdmitAsync() is { } notAdmitted)
            {
                return notAdmitted;
            }
        }
        else if (await AdmitStepByStepAsync() is { } refused)
        {
            return refused;
        }

        Record(TimelineEvent.Acknowledged);

        if (await WaitForServiceDateAsync() is { } cancelledEarly)
        {
            return cancelledEarly;
        }

        return await WorkAsync();
    }

    /// <summary>Admission before revision 3: load, preconditions, claim, acknowledgement and order list, an activity each.</summary>
    async Task<OrderResult?> AdmitStepByStepAsync()
    {
        state.Point = state.Initial = await CallAsync(WorkflowActivities.LoadServicePoint, PointId);
        if (state.Point is null)
        {
            return await RejectAsync([new(ReasonCodes.UnknownServicePoint, "servicePointId", $"Service point {request.ServicePointId} is not registered.")]);
        }

        var errors = ServiceOrderPlanner.Preconditions(Situation());
        if (errors.Count > 0)
        {
            return await RejectAsync(errors);
        }

        if (await ClaimServicePointAsync() is { } refused)
        {
            return refused;
        }

        await ReplyAsync(CisReplyKind.Acknowledged);
        await IndexAsync(OrderStatus.Open);
        return null;
    }

    /// <summary>
    /// Admission from revision 3: one activity loads the service point, checks the preconditions, claims the point, and
    /// when no conflicting order goes first acknowledges and lists the order. When one does, the order decides by its
    /// conflict policy as before (refuse, or wait and claim again), and acknowledges once it holds the point.
    /// </summary>
    async Task<OrderResult?> AdmitAsync()
    {
        var claim = new OpenOrder(OrderId, request.RequestType, start.ReceivedAt);
        var admission = await CallAsync(WorkflowActivities.AdmitOrder,
            new AdmitOrderInput(request, policy.Planning, claim, Reply(CisReplyKind.Acknowledged), IndexEntry(OrderStatus.Open, null)));
        state.Point = state.Initial = admission.Point;
        if (state.Point is null)
        {
            return await RejectAsync([new(ReasonCodes.UnknownServicePoint, "servicePointId", $"Service point {request.ServicePointId} is not registered.")]);
        }

        if (admission.Errors.Count > 0)
        {
            return await RejectAsync(admission.Errors);
        }

        if (await ClaimServicePointAsync(admission.Open) is { } refused)
        {
            return refused;
        }

        if (!admission.Admitted)
        {
            // It waited for a conflicting order and holds the service point now.
            await ReplyAsync(CisReplyKind.Acknowledged);
            await IndexAsync(OrderStatus.Open);
        }

        return null;
    }

    /// <summary>Decide, act, record, repeat: the heart of the order.</summary>
    async Task<OrderResult> WorkAsync()
    {
        for (var decision = 0; decision < MaxDecisions; decision++)
        {
            if (!IsCancelled && cancellations.HasArrived)
            {
                await NoteCancellationAsync();
            }

            switch (ServiceOrderPlanner.Decide(Situation()))
            {
                case GoalReached goal:
                    Record(TimelineEvent.GoalReached, detail: goal.Summary);
                    return IsCancelled
                        ? await FinishCancelledAsync(goal.Summary)
                        : await FinishAsync(OrderOutcome.Completed, null, goal.Summary);

                case CannotProceed stuck:
                    if (await ResolveExceptionAsync(stuck.ReasonCode, stuck.Detail, StuckActivity()) is { } ended)
                    {
                        return ended;
                    }

                    break;

                case PerformActivity activity:
                    var (proceed, blocked) = await ClearToPerformAsync(activity);
                    if (blocked is not null)
                    {
                        if (await ResolveExceptionAsync(blocked.ReasonCode, blocked.Detail, activity.Kind) is { } endedByRule)
                        {
                            return endedByRule;
                        }
                    }
                    else if (proceed)
                    {
                        var wasCancelled = IsCancelled;
                        var report = await PerformAsync(activity.Kind);

                        // Work called off while it was under way and not done changed nothing: it is not history.
                        if (report.Succeeded || wasCancelled || !IsCancelled)
                        {
                            await RecordAsync(report);
                        }
                    }

                    break;
            }
        }

        Record(TimelineEvent.Stuck, detail: $"{ReasonCodes.StepBoundReached}: the order made {MaxDecisions} decisions.");
        return await FinishAsync(OrderOutcome.Failed, ReasonCodes.StepBoundReached, $"The order made {MaxDecisions} decisions without ending.");
    }

    OrderSituation Situation() => new(request, state.Point!, state.History)
    {
        Initial = state.Initial,
        CountFrom = state.CountFrom,
        Cancelled = IsCancelled,
        Policy = policy.Planning,
    };

    /// <summary>The activity an order in exception is stuck on: the last one, if it failed.</summary>
    ActivityKind? StuckActivity() =>
        state.History.Count > state.CountFrom && !state.History[^1].Succeeded ? state.History[^1].Kind : null;

    async Task RecordAsync(ActivityReport report)
    {
        state.History.Add(report);
        if (!report.Succeeded)
        {
            return;
        }

        if (revision.IsLean)
        {
            // The registry's own rule on the order's own copy; the next activity writes the report to the registry.
            state.Point = state.Point!.Apply(report);
            state.Unrecorded.Add(report);
        }
        else
        {
            state.Point = await CallAsync(WorkflowActivities.RecordActivityReport, new RecordActivityReportInput(new ServicePointId(state.Point!.ServicePointId), report));
        }
    }

    /// <summary>What the order's finished steps left for the registry and the deadline board (revision 3), or null when nothing.</summary>
    StepSettlement? Unsettled() =>
        state.Unrecorded.Count == 0 && state.Unsettled.Count == 0
            ? null
            : new StepSettlement(PointId, [.. state.Unrecorded], [.. state.Unsettled]);

    /// <summary>The activity that took <see cref="Unsettled"/> has done it.</summary>
    void Settled()
    {
        state.Unrecorded.Clear();
        state.Unsettled.Clear();
    }

    /// <summary>The activities that settle the finished steps themselves, before their own work (revision 3).</summary>
    static bool Settles(IActivityDefinition activity) =>
        activity == WorkflowActivities.SendHeadEndCommandStep || activity == WorkflowActivities.DispatchFieldWorkStep || activity == WorkflowActivities.CloseOrder;

    /// <summary>Tells the order list where the order stands.</summary>
    Task IndexAsync(OrderStatus status, string? reasonCode = null) => CallAsync(WorkflowActivities.IndexOrder, IndexEntry(status, reasonCode));

    /// <summary>
    /// The order's entry in the order list: what it is for, where it stands, and while open what it waits for. The
    /// service point's commodity and meter class are as the order last loaded them.
    /// </summary>
    OrderIndexEntry IndexEntry(OrderStatus status, string? reasonCode, string? waitingFor = null, DateTimeOffset? waitingUntil = null) =>
        new(OrderId.Value, request.ServicePointId, request.RequestType, status, reasonCode, start.ReceivedAt, Now,
            state.Point?.Commodity, state.Point?.Meter?.Class, request.RequestingSystem, waitingFor, waitingUntil);

    int NextStep() => ++state.LastStep;

    /// <summary>Schedules a declared activity with the order's retries; the declaration fixes the input and output types.</summary>
    /// <remarks>
    /// From revision 3, finished steps not yet settled are settled first, in an activity of their own, unless this
    /// activity settles them itself: the registry and the deadline board never wait on an order through another activity,
    /// or through a long wait after it.
    /// </remarks>
    public async Task<TOutput> CallAsync<TInput, TOutput>(ActivityDefinition<TInput, TOutput> activity, TInput input)
    {
        if (!Settles(activity) && Unsettled() is { } settlement)
        {
            await WorkflowActivities.SettleSteps.CallAsync(context, settlement, policy.RetryOrDefault);
            Settled();
        }

        var output = await activity.CallAsync(context, input, policy.RetryOrDefault);
        if (Settles(activity))
        {
            Settled();
        }

        return output;
    }
}
