using System.Text.Json;

namespace ServiceOrders.Cli.Bench;

/// <summary>What one run measured; <c>results.json</c> holds one per run.</summary>
internal sealed record BenchResult(
    string Workload,
    string Description,
    DateTimeOffset StartedAt,
    string Commit,
    MachineInfo Machine,
    BenchRunSettings Settings,
    BenchFigures Figures,
    IReadOnlyList<string> Problems)
{
    public double? RatioToBaseline { get; init; }

    /// <summary>For a run with telemetry on: what the host exported.</summary>
    public TelemetryExport? Telemetry { get; init; }
}

internal sealed record BenchRunSettings(
    int Orders,
    double? PacedOrdersPerSecond,
    int SendConcurrency,
    IReadOnlyDictionary<string, string> HostSettings,
    JsonElement? Engine);

internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles? Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToArray();
        double At(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}

/// <summary>
/// The figures of one run. The window runs from the first order sent (baseline: the start request) to the last update
/// of any of the run's orchestrations in the task hub. Durable actions are the history events the engine recorded for
/// the run's orchestrations, except the episode markers (OrchestratorStarted / OrchestratorCompleted): execution
/// started and completed, tasks scheduled and completed or failed, timers created and fired, events raised.
/// </summary>
internal sealed record BenchFigures(
    int Orders,
    int AsExpected,
    int Unexpected,
    int Stuck,
    double WindowSeconds,
    double OrdersPerSecond,
    long DurableActions,
    long Episodes,
    double DurableActionsPerSecond,
    double DurableActionsPerOrder,
    Percentiles? IntakeToReplySeconds,
    Percentiles? IntakeToReplySeenSeconds,
    double? HostPeakRssMiB,
    double? HostRssAtEndMiB,
    long? StorageRequests,
    double? StorageRequestsPerOrder,
    IReadOnlyDictionary<string, long> StorageRequestsByKind,
    IReadOnlyDictionary<string, long> HistoryEvents,
    IReadOnlyDictionary<string, int> InstanceStatus,
    IReadOnlyDictionary<string, int> Replies)
{
    /// <summary>Distinct events about the run's orders that a subscriber read from <c>service-order-events</c>.</summary>
    public int? SubscriberEvents { get; init; }

    /// <summary>CPU time (user and system) the host process spent during the run, per order.</summary>
    public double? HostCpuMillisecondsPerOrder { get; init; }
}
