using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Host.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Replay;

/// <summary>
/// Replays a recorded orchestration history against the current orchestrator, in memory, the way the Durable Task
/// Framework does when an order's worker restarts: the orchestrator is wrapped exactly as the host wraps it and run by
/// the framework's own executor over the past events. Code that schedules other work than the history records fails.
/// </summary>
public static class OrchestrationReplay
{
    static readonly JsonSerializer Reader = JsonSerializer.Create(new JsonSerializerSettings
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
        DateParseHandling = DateParseHandling.None,
    });

    /// <summary>The folder the recorder writes to in the source tree; the build copies it next to the tests.</summary>
    public static readonly string[] HistoriesFolder = ["ServiceOrders.Tests", "Replay", "Histories"];

    /// <summary>The recorded histories copied next to the tests, by name.</summary>
    public static IReadOnlyList<string> RecordedNames() =>
        Directory.Exists(OutputFolder)
            ? Directory.GetFiles(OutputFolder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList()
            : [];

    public static IReadOnlyList<HistoryEvent> Load(string name) =>
        Parse(File.ReadAllText(Path.Combine(OutputFolder, name + ".json")));

    /// <summary>Reads the JSON array of history events the Azure Storage provider returns for one execution.</summary>
    public static IReadOnlyList<HistoryEvent> Parse(string json) =>
        JArray.Parse(json).Cast<JObject>().Select(ToEvent).ToList();

    /// <summary>Runs the current orchestrator over the whole history and returns what it decides at the end.</summary>
    public static OrchestratorExecutionResult Run(IReadOnlyList<HistoryEvent> history)
    {
        var shims = new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { DataConverter = new JsonDataConverter(ServiceOrdersJson.Options) },
            NullLoggerFactory.Instance);
        var orchestration = ActivityCatalog.Orchestrations(shims).Single(o => o.Name == WorkflowNames.ServiceOrder).Create();
        var state = new OrchestrationRuntimeState(history.ToList());
        var executor = new TaskOrchestrationExecutor(state, orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.SerializeExceptions);
        return executor.Execute();
    }

    /// <summary>The only decision a faithful replay of an ended order may take: to complete as recorded.</summary>
    public static OrchestrationCompleteOrchestratorAction? Completion(OrchestratorExecutionResult result) =>
        result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().SingleOrDefault();

    static string OutputFolder => Path.Combine([AppContext.BaseDirectory, .. HistoriesFolder[1..]]);

    static HistoryEvent ToEvent(JObject json)
    {
        var type = (EventType)json.Value<int>(nameof(HistoryEvent.EventType)) switch
        {
            EventType.ExecutionStarted => typeof(ExecutionStartedEvent),
            EventType.ExecutionCompleted => typeof(ExecutionCompletedEvent),
            EventType.ExecutionTerminated => typeof(ExecutionTerminatedEvent),
            EventType.ExecutionSuspended => typeof(ExecutionSuspendedEvent),
            EventType.ExecutionResumed => typeof(ExecutionResumedEvent),
            EventType.ContinueAsNew => typeof(ContinueAsNewEvent),
            EventType.OrchestratorStarted => typeof(OrchestratorStartedEvent),
            EventType.OrchestratorCompleted => typeof(OrchestratorCompletedEvent),
            EventType.TaskScheduled => typeof(TaskScheduledEvent),
            EventType.TaskCompleted => typeof(TaskCompletedEvent),
            EventType.TaskFailed => typeof(TaskFailedEvent),
            EventType.SubOrchestrationInstanceCreated => typeof(SubOrchestrationInstanceCreatedEvent),
            EventType.SubOrchestrationInstanceCompleted => typeof(SubOrchestrationInstanceCompletedEvent),
            EventType.SubOrchestrationInstanceFailed => typeof(SubOrchestrationInstanceFailedEvent),
            EventType.TimerCreated => typeof(TimerCreatedEvent),
            EventType.TimerFired => typeof(TimerFiredEvent),
            EventType.EventSent => typeof(EventSentEvent),
            EventType.EventRaised => typeof(EventRaisedEvent),
            EventType.GenericEvent => typeof(GenericEvent),
            EventType.HistoryState => typeof(HistoryStateEvent),
            var other => throw new InvalidDataException($"History event type {other} is not known."),
        };
        return (HistoryEvent)json.ToObject(type, Reader)!;
    }
}
