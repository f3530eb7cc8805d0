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
    /// <summary>Durable actions/s over the "hello, cities" baseline's.</summary>
    public double? RatioToBaseline { get; init; }

    /// <summary>Durable actions/s over the same-shape baseline's (the goal's ratio).</summary>
    public double? RatioToSameShape { get; init; }

    /// <summary>The run's tag: its orders are <c>B-{tag}-{n}</c>, so that a later run can find them again.</summary>
    public string? Tag { get; init; }

    /// <summary>Hosts sharing the task hub in this run (1 unless the plan says otherwise).</summary>
    public int Hosts { get; init; } = 1;

    /// <summary>The same-shape baseline: the shape it ran and where that came from.</summary>
    public ShapeCounts? Shape { get; init; }

    public string? ShapeSource { get; init; }

    /// <summary>CPU seconds of each process during the run: the hosts and Azurite's services.</summary>
    public IReadOnlyDictionary<string, double>? CpuSeconds { get; init; }

    /// <summary>Peak memory (VmHWM) of each host of the run, in MiB.</summary>
    public IReadOnlyList<double>? HostsPeakRssMiB { get; init; }

    /// <summary>Orders ended and intake to reply per 10 s window, from the first order sent.</summary>
    public IReadOnlyList<TimelineWindow>? Timeline { get; init; }

    /// <summary>Per request type (the mix): orders, durable actions and intake to reply.</summary>
    public IReadOnlyList<RequestTypeFigures>? ByRequestType { get; init; }

    public BurstFigures? Burst { get; init; }

    /// <summary>The open run: what the open orders hold in the storage account.</summary>
    public StorageGrowth? Storage { get; init; }

    public ResumeFigures? Resume { get; init; }

    /// <summary>The host's admission queue over the run (<c>GET /api/admission</c>), when it has one.</summary>
    public IReadOnlyList<AdmissionSample>? Admission { get; init; }

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

/// <summary>
/// The burst: a steady phase (orders sent with at most <paramref name="SteadyInFlight"/> in flight, a new one as one
/// ends) gives the rate the system sustains; then <paramref name="Orders"/> cuts are sent at once, and after them
/// move-ins and reconnects. Goodput is the cuts ended per second from the first cut sent to the last one ended.
/// </summary>
internal sealed record BurstFigures(
    int SteadyOrders,
    int SteadyInFlight,
    double? SteadyOrdersPerSecond,
    int Orders,
    int Ended,
    double? GoodputOrdersPerSecond,
    double? GoodputRatio,
    int Lost,
    int Duplicated,
    int Stuck,
    Percentiles? CutsIntakeToReplySeconds,
    Percentiles? MoveInsIntakeToReplySeconds,
    Percentiles? ReconnectsIntakeToReplySeconds,
    int MoveIns,
    int Reconnects);

/// <summary>
/// After the open run: the host killed (SIGKILL) and started again on the same storage; then crew completions for a
/// sample of the open orders. Times are from the kill.
/// </summary>
internal sealed record ResumeFigures(int Sample, int Ended, double? HostReadySeconds, double? FirstEndedSeconds, double? AllEndedSeconds, Percentiles? CompletionToReplySeconds);

/// <summary>One reading of <c>GET /api/admission</c>: seconds since the first order sent, and the host's answer.</summary>
internal sealed record AdmissionSample(double Seconds, JsonElement State);
