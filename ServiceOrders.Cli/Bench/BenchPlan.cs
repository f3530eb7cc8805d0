namespace ServiceOrders.Cli.Bench;

/// <summary>
/// One host run of the bench: a fresh Azurite and host, started by <c>run.sh</c> with <paramref name="HostSettings"/>
/// (on top of <c>appsettings.Bench.json</c>), so that each run's peak memory and task hub are its own.
/// </summary>
/// <remarks>
/// <paramref name="Hosts"/> hosts share the run's Azurite and task hub (the first runs the simulators). <paramref name="Lifecycle"/>
/// says what run.sh does around the run: <see cref="BenchLifecycle.Fresh"/> (a new Azurite and host, stopped after),
/// <see cref="BenchLifecycle.Keep"/> (the same, left running for the next run) or <see cref="BenchLifecycle.Restart"/>
/// (the previous run's Azurite, its host killed with SIGKILL and started again).
/// </remarks>
internal sealed record BenchRunSpec(string Name, IReadOnlyDictionary<string, string> HostSettings, int Hosts = 1, string Lifecycle = BenchLifecycle.Fresh)
{
    /// <summary>The plan's line for run.sh: name, hosts, lifecycle and the host settings, separated by tabs.</summary>
    public string PlanLine() =>
        string.Join('\t', Name, Hosts.ToString(System.Globalization.CultureInfo.InvariantCulture), Lifecycle, string.Join(' ', HostSettings.Select(s => $"{s.Key}={s.Value}"))).TrimEnd();
}

internal static class BenchLifecycle
{
    public const string Fresh = "fresh";
    public const string Keep = "keep";
    public const string Restart = "restart";
}

/// <summary>The runs of one bench, in order: the bare engine first, the peak before the run at half of it.</summary>
internal static class BenchPlan
{
    public const string Baseline = "baseline";

    /// <summary>The bare engine in the shape of a reconnect (from the reconnect run's history, or <c>--shape</c>).</summary>
    public const string BaselineShape = "baseline-shape";

    /// <summary>Most hosts <c>--hosts</c> takes.</summary>
    public const int MaxHosts = 8;

    /// <summary>Stands for the port of the run's OTLP receiver in host settings; run.sh puts a free port in its place and passes it as --otlp-port.</summary>
    public const string OtlpPortPlaceholder = "@OTLP_PORT@";

    /// <summary>What a person may list in <c>--workloads</c>; the baseline always runs, for the ratio.</summary>
    public static IReadOnlyList<string> Selectable { get; } =
        [BenchWorkloads.Reconnect, BenchWorkloads.Mix, BenchWorkloads.Open, BenchWorkloads.MassDisconnect, BenchWorkloads.Burst];

    /// <summary>
    /// The read model bench: the order list and order page timed with <c>--index-orders</c> orders in the order list. It
    /// runs only when named in <c>--workloads</c>, and needs no baseline.
    /// </summary>
    public const string ReadModel = "readmodel";

    /// <summary>Workloads <c>--workloads</c> accepts that do not run unless named.</summary>
    public static IReadOnlyList<string> OnRequest { get; } = [ReadModel];

    /// <summary>Between two disconnect commands to one head-end in the mass disconnect.</summary>
    public static readonly TimeSpan DisconnectSpacing = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyList<BenchRunSpec> For(IReadOnlyCollection<string> workloads, int hosts = 1)
    {
        var runs = new List<BenchRunSpec>();
        if (workloads.Count == 0 || workloads.Except(OnRequest).Any())
        {
            runs.Add(new(Baseline, new Dictionary<string, string> { ["Bench__Baseline"] = "true" }));
        }

        if (workloads.Contains(BenchWorkloads.Reconnect))
        {
            runs.Add(new(BenchWorkloads.Reconnect, new Dictionary<string, string>()));
            // After the reconnect run, whose history gives the shape.
            runs.Add(new(BaselineShape, new Dictionary<string, string> { ["Bench__Baseline"] = "true" }));
            // Side by side with the run before: the same orders, with every span, metric and log exported to the bench's receiver.
            runs.Add(new(BenchWorkloads.ReconnectTelemetry, new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{OtlpPortPlaceholder}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_SERVICE_NAME"] = "serviceorders-bench",
            }));
            runs.Add(new(BenchWorkloads.ReconnectHalfRate, new Dictionary<string, string>()));
            if (hosts > 1)
            {
                runs.Add(new(BenchWorkloads.ReconnectOnHosts(hosts), new Dictionary<string, string>(), hosts));
            }
        }

        if (workloads.Contains(BenchWorkloads.Mix))
        {
            runs.Add(new(BenchWorkloads.Mix, new Dictionary<string, string>()));
        }

        if (workloads.Contains(BenchWorkloads.Open))
        {
            // No simulated crew (nor head-end) in this host: nobody answers the dispatches, and none of their memory is counted.
            runs.Add(new(BenchWorkloads.Open, new Dictionary<string, string> { ["Simulators__Enabled"] = "false" }, Lifecycle: BenchLifecycle.Keep));
            // The same storage, its host killed and started again; still no simulators: the bench answers a sample itself.
            runs.Add(new(BenchWorkloads.OpenResume, new Dictionary<string, string> { ["Simulators__Enabled"] = "false" }, Lifecycle: BenchLifecycle.Restart));
        }

        if (workloads.Contains(BenchWorkloads.MassDisconnect))
        {
            runs.Add(new(BenchWorkloads.MassDisconnect, new Dictionary<string, string>
            {
                ["Orders__DisconnectSpacing"] = DisconnectSpacing.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            }));
        }

        if (workloads.Contains(BenchWorkloads.Burst))
        {
            runs.Add(new(BenchWorkloads.Burst, new Dictionary<string, string>
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
