namespace ServiceOrders.Cli.Bench;

/// <summary>
/// One host run of the bench: a fresh Azurite and host, started by <c>run.sh</c> with <paramref name="HostSettings"/>
/// (on top of <c>appsettings.Bench.json</c>), so that each run's peak memory and task hub are its own.
/// </summary>
internal sealed record BenchRunSpec(string Name, IReadOnlyDictionary<string, string> HostSettings);

/// <summary>The runs of one bench, in order: the bare engine first, the peak before the run at half of it.</summary>
internal static class BenchPlan
{
    public const string Baseline = "baseline";

    /// <summary>Stands for the port of the run's OTLP receiver in host settings; run.sh puts a free port in its place and passes it as --otlp-port.</summary>
    public const string OtlpPortPlaceholder = "@OTLP_PORT@";

    /// <summary>What a person may list in <c>--workloads</c>; the baseline always runs, for the ratio.</summary>
    public static IReadOnlyList<string> Selectable { get; } =
        [BenchWorkloads.Reconnect, BenchWorkloads.Mix, BenchWorkloads.Open, BenchWorkloads.MassDisconnect];

    /// <summary>
    /// The read model bench: the order list and order page timed with <c>--index-orders</c> orders in the order list. It
    /// runs only when named in <c>--workloads</c>, and needs no baseline.
    /// </summary>
    public const string ReadModel = "readmodel";

    /// <summary>Workloads <c>--workloads</c> accepts that do not run unless named.</summary>
    public static IReadOnlyList<string> OnRequest { get; } = [ReadModel];

    /// <summary>Between two disconnect commands to one head-end in the mass disconnect.</summary>
    public static readonly TimeSpan DisconnectSpacing = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyList<BenchRunSpec> For(IReadOnlyCollection<string> workloads)
    {
        var runs = new List<BenchRunSpec>();
        if (workloads.Count == 0 || workloads.Except(OnRequest).Any())
        {
            runs.Add(new(Baseline, new Dictionary<string, string> { ["Bench__Baseline"] = "true" }));
        }

        if (workloads.Contains(BenchWorkloads.Reconnect))
        {
            runs.Add(new(BenchWorkloads.Reconnect, new Dictionary<string, string>()));
            // Side by side with the run before: the same orders, with every span, metric and log exported to the bench's receiver.
            runs.Add(new(BenchWorkloads.ReconnectTelemetry, new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{OtlpPortPlaceholder}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "serviceorders-bench",
            }));
            runs.Add(new(BenchWorkloads.ReconnectHalfRate, new Dictionary<string, string>()));
        }

        if (workloads.Contains(BenchWorkloads.Mix))
        {
            runs.Add(new(BenchWorkloads.Mix, new Dictionary<string, string>()));
        }

        if (workloads.Contains(BenchWorkloads.Open))
        {
            // No simulated crew (nor head-end) in this host: nobody answers the dispatches, and none of their memory is counted.
            runs.Add(new(BenchWorkloads.Open, new Dictionary<string, string> { ["Simulators__Enabled"] = "false" }));
        }

        if (workloads.Contains(BenchWorkloads.MassDisconnect))
        {
            runs.Add(new(BenchWorkloads.MassDisconnect, new Dictionary<string, string>
            {
                ["Orders__DisconnectSpacing"] = DisconnectSpacing.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            }));
        }

        if (workloads.Contains(ReadModel))
        {
            runs.Add(new(ReadModel, new Dictionary<string, string>()));
        }

        return runs;
    }
}
