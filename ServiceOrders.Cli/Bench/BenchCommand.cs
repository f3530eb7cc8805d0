using System.Globalization;
using System.Text.Json;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Demo;
using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.Bench;

/// <summary>
/// <c>bench</c>: measures the product end to end on the standalone host. <c>./run.sh bench</c> drives it in three
/// stages: <c>plan</c> prints the host runs (name and host settings, one per line); for each, run.sh starts a fresh
/// Azurite and host and calls <c>run</c>, which sends the workload and writes <c>runs/{name}.json</c>; <c>report</c>
/// gathers them into <c>results.json</c> and prints the table and the goals.
/// </summary>
internal sealed class BenchCommand(TimeProvider time) : ICliCommand
{
    const string StageOption = "--stage";
    const string RunOption = "--run";
    const string OrdersOption = "--orders";
    const string OpenOrdersOption = "--open-orders";
    const string DisconnectsOption = "--disconnects";
    const string WorkloadsOption = "--workloads";
    const string OutOption = "--out";
    const string IdleTimeoutOption = "--idle-timeout";
    const string HostPidOption = "--host-pid";

    /// <summary>The storage account of the host under test; ./run.sh sets it to the throw-away Azurite's.</summary>
    const string StorageVariable = "SERVICEORDERS_STORAGE";

    const int DefaultOrders = 2_000;
    const int DefaultBigOrders = 10_000;
    const int DefaultIdleSeconds = 180;

    public string Verb => "bench";

    public string Summary => "measure throughput, latency and memory on the standalone host (driven by ./run.sh bench)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(StageOption, "STAGE", "plan (list the host runs), run (one run against a host), report (results.json and the table)", Required: true),
        new(RunOption, "NAME", "the run to do (stage run): a name from the plan"),
        new(CommonOptions.Api, "URL", "base address of the host (stage run)"),
        CommonOptions.ApiKeySpec,
        new(WorkloadsOption, "LIST", $"comma-separated, from {string.Join(", ", BenchPlan.Selectable)} (default: all); the baseline always runs"),
        new(OrdersOption, "N", $"orders of the reconnect and mix workloads and of the baseline (default {DefaultOrders:N0})"),
        new(OpenOrdersOption, "N", $"orders held open in the open workload (default {DefaultBigOrders:N0})"),
        new(DisconnectsOption, "N", $"orders of the mass disconnect (default {DefaultBigOrders:N0})"),
        new(IdleTimeoutOption, "SECONDS", $"end a run when nothing moved for this long (default {DefaultIdleSeconds})"),
        new(HostPidOption, "PID", "the host's process id, for its memory (default: as the host reports it)"),
        new(OutOption, "DIR", "where results go (default artifacts/bench)"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CancellationToken cancellationToken)
    {
        var workloads = Workloads(options.Get(WorkloadsOption));
        var orders = Count(options, OrdersOption, DefaultOrders);
        var openOrders = Count(options, OpenOrdersOption, DefaultBigOrders);
        var disconnects = Count(options, DisconnectsOption, DefaultBigOrders);
        var idle = OptionValues.Seconds(IdleTimeoutOption, options.Get(IdleTimeoutOption), DefaultIdleSeconds, 3600);
        var outDir = options.Get(OutOption) ?? Path.Combine("artifacts", "bench");
        var plan = BenchPlan.For(workloads);

        switch (options.Require(StageOption))
        {
            case "plan":
                foreach (var run in plan)
                {
                    Console.Out.WriteLine($"{run.Name}\t{string.Join(' ', run.HostSettings.Select(s => $"{s.Key}={s.Value}"))}".TrimEnd());
                }

                return ExitCodes.Success;

            case "run":
                var name = options.Require(RunOption);
                var spec = plan.FirstOrDefault(r => r.Name == name)
                    ?? throw new UsageException($"{RunOption} must be one of {string.Join(", ", plan.Select(r => r.Name))}, not '{Printable.Clip(name, 40)}'");
                return await RunOneAsync(options, spec, orders, openOrders, disconnects, idle, outDir, cancellationToken);

            case "report":
                return BenchReport.Write(Console.Out, plan, outDir);

            default:
                throw new UsageException($"{StageOption} must be plan, run or report");
        }
    }

    async Task<int> RunOneAsync(
        ParsedOptions options, BenchRunSpec spec, int orders, int openOrders, int disconnects, TimeSpan idle, string outDir, CancellationToken cancellationToken)
    {
        var api = OptionValues.HttpBaseAddress(CommonOptions.Api, options.Get(CommonOptions.Api) ?? throw new UsageException($"stage run needs {CommonOptions.Api}"));
        var storage = Environment.GetEnvironmentVariable(StorageVariable);
        if (string.IsNullOrEmpty(storage))
        {
            throw new UsageException($"stage run reads the task hub and the reply queue: set {StorageVariable} to the host's storage connection string");
        }

        int? hostPid = options.Get(HostPidOption) is { } pidText
            ? int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : throw new UsageException($"{HostPidOption} must be a process id")
            : null;
        var apiKey = CommonOptions.ApiKeyFrom(options);
        var runsDir = Path.Combine(outDir, "runs");
        Directory.CreateDirectory(runsDir);

        string taskHub;
        using (var diagnostics = new BenchDiagnostics(api, apiKey))
        {
            var engine = await diagnostics.EngineAsync(cancellationToken);
            taskHub = engine.Durable.TryGetProperty("taskHubName", out var hub) && hub.GetString() is { Length: > 0 } h ? h : "ServiceOrders";
        }

        var runner = new BenchRunner(new BenchTarget(api, apiKey, storage, hostPid, idle, taskHub), time, Console.Out);
        var tag = RunTag.New(time);
        BenchResult result;
        switch (spec.Name)
        {
            case BenchPlan.Baseline:
                result = await runner.RunBaselineAsync(spec, orders, tag, cancellationToken);
                break;
            case BenchWorkloads.Reconnect:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.ReconnectOrders(spec.Name, tag, orders), null, cancellationToken);
                break;
            case BenchWorkloads.ReconnectHalfRate:
                var peak = BenchReport.Read(runsDir, BenchWorkloads.Reconnect)?.Figures.OrdersPerSecond;
                if (peak is not > 0)
                {
                    Console.Error.WriteLine("  no peak rate: the reconnect run has no result");
                    return ExitCodes.Failure;
                }

                // Half the orders at half the rate: as long as the peak run.
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.ReconnectOrders(spec.Name, tag, Math.Max(orders / 2, 10)), peak.Value / 2, cancellationToken);
                break;
            case BenchWorkloads.Mix:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.MixOrders(tag, orders), null, cancellationToken);
                break;
            case BenchWorkloads.Open:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.OpenOrders(tag, openOrders), null, cancellationToken);
                break;
            case BenchWorkloads.MassDisconnect:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.MassDisconnectOrders(tag, disconnects), null, cancellationToken);
                break;
            default:
                throw new UsageException($"no such run '{spec.Name}'");
        }

        await File.WriteAllTextAsync(Path.Combine(runsDir, spec.Name + ".json"), JsonSerializer.Serialize(result, BenchReport.Json), cancellationToken);
        return result.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    static IReadOnlyCollection<string> Workloads(string? list)
    {
        if (list is null)
        {
            return BenchPlan.Selectable.ToList();
        }

        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var name in names.Where(n => !BenchPlan.Selectable.Contains(n) && n != BenchPlan.Baseline))
        {
            throw new UsageException($"{WorkloadsOption}: unknown workload '{Printable.Clip(name, 40)}'; choose from {string.Join(", ", BenchPlan.Selectable)}");
        }

        return names;
    }

    static int Count(ParsedOptions options, string option, int defaultValue)
    {
        var text = options.Get(option);
        if (text is null)
        {
            return defaultValue;
        }

        return int.TryParse(text.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000
            ? n
            : throw new UsageException($"{option} must be a whole number from 1 to 100,000, not '{Printable.Clip(text, 20)}'");
    }
}
