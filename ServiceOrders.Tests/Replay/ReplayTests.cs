using System.Text.Json;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Replay;

/// <summary>
/// Replay safety: every recorded order history must replay against the current orchestrator exactly as it ran, with
/// the same result. A change that would break orders in flight (work scheduled in another order, added or removed)
/// fails here. After an intended, versioned change, re-record the histories (see README, "Replay safety").
/// </summary>
public class ReplayTests
{
    public static TheoryData<string> Histories => new(OrchestrationReplay.RecordedNames());

    [Fact]
    public void TheRecordedHistoriesAreThere() =>
        Assert.True(OrchestrationReplay.RecordedNames().Count >= 4, "Replay/Histories/*.json should be copied next to the tests.");

    [Fact]
    public void EveryRevisionOfTheOrchestrator_HasRecordedHistories()
    {
        var recorded = OrchestrationReplay.RecordedNames()
            .Select(name => Assert.Single(OrchestrationReplay.Load(name).OfType<ExecutionStartedEvent>()).Input)
            .Select(input => JsonDocument.Parse(input).RootElement.TryGetProperty("revision", out var r) ? r.GetInt32() : 0)
            .ToHashSet();

        Assert.All(Enumerable.Range(0, ServiceOrderStart.CurrentRevision + 1), revision => Assert.Contains(revision, recorded));
    }

    [Theory]
    [MemberData(nameof(Histories))]
    public void ARecordedOrder_ReplaysToTheSameResult(string name)
    {
        var history = OrchestrationReplay.Load(name);
        var recorded = Assert.Single(history.OfType<ExecutionCompletedEvent>());
        Assert.Equal(OrchestrationStatus.Completed, recorded.OrchestrationStatus);

        var replayed = OrchestrationReplay.Run(history);

        var completion = OrchestrationReplay.Completion(replayed);
        var decided = string.Join(", ", replayed.Actions.Select(Describe));
        Assert.True(completion is not null, $"The replay did not complete; it decided: {decided}.");
        Assert.True(
            completion.OrchestrationStatus == OrchestrationStatus.Completed,
            $"The replay ended {completion.OrchestrationStatus}: {completion.FailureDetails?.ErrorMessage ?? completion.Details ?? completion.Result}");
        Assert.True(replayed.Actions.Count() == 1, $"The replay decided more than to complete: {decided}.");
        Assert.Equal(recorded.Result, completion.Result);
    }

    static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskOrchestratorAction task => $"call {task.Name}",
        CreateTimerOrchestratorAction timer => $"timer until {timer.FireAt:O}",
        OrchestrationCompleteOrchestratorAction end => $"end {end.OrchestrationStatus}",
        _ => action.OrchestratorActionType.ToString(),
    };
}
