using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Domain.Activities;

/// <summary>What a crew's completion or a head-end's answer means for the planner.</summary>
public static class ActivityAnswers
{
    /// <summary>The report the planner reads from a crew's completion of field activity <paramref name="activityId"/>.</summary>
    public static ActivityReport ToReport(this FieldCompletion completion, string activityId, ActivityKind kind) => new(
        activityId,
        kind,
        completion.Code == CompletionCode.Completed ? ActivityResult.Succeeded : ActivityResult.NotDone,
        completion.Switch,
        completion.Readings,
        completion.InstalledMeter,
        completion.RemovedMeterId,
        completion.Remarks ?? (completion.Code == CompletionCode.Completed ? null : completion.Code.ToString()));

    /// <summary>The report the planner reads from a head-end's answer to command <paramref name="commandId"/>.</summary>
    public static ActivityReport ToReport(this HeadEndResult result, string commandId, ActivityKind kind) => new(
        commandId,
        kind,
        result.Outcome switch
        {
            CommandOutcome.Succeeded => ActivityResult.Succeeded,
            CommandOutcome.Rejected => ActivityResult.Rejected,
            CommandOutcome.Expired => ActivityResult.TimedOut,
            _ => ActivityResult.Failed,
        },
        result.Switch,
        result.Readings,
        Detail: result.Outcome == CommandOutcome.Succeeded ? null : result.Error ?? result.Outcome.ToString());
}
