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

    /// <summary>The histories recorded at revision 3 of orders also recorded at revision 2.</summary>
    public static TheoryData<string> Revision3Histories => new(OrchestrationReplay.RecordedNames()
        .Where(name => name.EndsWith(".r3", StringComparison.Ordinal) && OrchestrationReplay.RecordedNames().Contains(name[..^3] + ".r2")));

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

    /// <summary>
    /// The budget a utility pays for on Azure Storage: a smart reconnect of the current revision (remote connect, read,
    /// close, the head-end answering each command accepted and then done) makes at most 12 durable actions, counted
    /// from its recorded history.
    /// </summary>
    [Fact]
    public void ARecordedSmartReconnect_MakesAtMostTwelveDurableActions()
    {
        var name = $"{HistoryRecorder.SmartReconnect}.r{ServiceOrderStart.CurrentRevision}";
        Assert.Contains(name, OrchestrationReplay.RecordedNames());
        var history = OrchestrationReplay.Load(name);

        var actions = DurableActions(history);

        Assert.True(actions.Count <= 12, $"{actions.Count} durable actions: {string.Join(", ", actions.Select(Describe))}");
        Assert.DoesNotContain(history, e => e is TimerCreatedEvent);
        // The head-end's interim answers took the answer route and cost the order nothing.
        Assert.Equal(2, history.OfType<EventRaisedEvent>().Count(e => e.Name == OrderEvents.HeadEndAnswered));
    }

    /// <summary>Every order recorded at revision 3 makes fewer durable actions than the same order at revision 2.</summary>
    [Theory]
    [MemberData(nameof(Revision3Histories))]
    public void ARecordedOrderOfRevision3_MakesFewerDurableActionsThanAtRevision2(string name)
    {
        Assert.True(
            DurableActions(OrchestrationReplay.Load(name)).Count < DurableActions(OrchestrationReplay.Load(name[..^3] + ".r2")).Count,
            $"{name} makes no fewer durable actions than at revision 2.");
    }

    /// <summary>
    /// The events of a history that are durable actions: all but the markers of each episode (orchestrator started and
    /// completed), which record no work of their own.
    /// </summary>
    static List<HistoryEvent> DurableActions(IReadOnlyList<HistoryEvent> history) =>
        history.Where(e => e is not (OrchestratorStartedEvent or OrchestratorCompletedEvent)).ToList();

    static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent task => $"call {task.Name}",
        TaskCompletedEvent => "call done",
        EventRaisedEvent raised => $"event {raised.Name}",
        _ => e.EventType.ToString(),
    };

    static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskOrchestratorAction task => $"call {task.Name}",
        CreateTimerOrchestratorAction timer => $"timer until {timer.FireAt:O}",
        OrchestrationCompleteOrchestratorAction end => $"end {end.OrchestrationStatus}",
        _ => action.OrchestratorActionType.ToString(),
    };
}
