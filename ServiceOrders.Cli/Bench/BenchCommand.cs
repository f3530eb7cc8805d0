using System.CommandLine;
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
internal sealed class BenchCommand
{
    const string StageOption = "--stage";
    const string RunOption = "--run";
    const string WorkloadsOption = "--workloads";

    /// <summary>The storage account of the host under test; ./run.sh sets it to the throw-away Azurite's.</summary>
    const string StorageVariable = "SERVICEORDERS_STORAGE";

    const int DefaultOrders = 2_000;
    const int DefaultBigOrders = 10_000;
    const int DefaultIdleSeconds = 180;
    const int DefaultIndexOrders = 100_000;

    readonly TimeProvider time;
    readonly Option<string> stageOption = CliOptions.Choice(StageOption, "plan (list the host runs), run (one run against a host), report (results.json and the table)", required: true, "plan", "run", "report");
    readonly Option<string> runOption = CliOptions.Text(RunOption, "NAME", "the run to do (stage run): a name from the plan");
    readonly Option<Uri> apiOption = CliOptions.Api(required: false, "base address of the host (stage run)");
    readonly Option<string> apiKeyOption = CliOptions.ApiKey();
    readonly Option<IReadOnlyCollection<string>?> workloadsOption = CliOptions.LastWins(new Option<IReadOnlyCollection<string>?>(WorkloadsOption)
    {
        Description = $"comma-separated, from {string.Join(", ", BenchPlan.Selectable)} (default: all; the baseline runs with them), "
            + $"or {BenchPlan.ReadModel} (the order list and order page with --index-orders orders in the read model; only when named)",
        HelpName = "LIST",
        CustomParser = result => Workloads(result),
    });

    /// <summary>Sizes of <c>--quick</c>: every workload in a few minutes.</summary>
    internal static readonly (int Orders, int OpenOrders, int Disconnects, int Burst, int Hosts, int ResumeSample) Quick = (100, 300, 100, 300, 3, 30);

    const int DefaultResumeSample = 100;

    readonly Option<bool> quickOption = new("--quick")
    {
        Description = $"every workload at small sizes, in a few minutes: --orders {Quick.Orders} --open-orders {Quick.OpenOrders} --disconnects {Quick.Disconnects} --burst {Quick.Burst} --hosts {Quick.Hosts} --resume-sample {Quick.ResumeSample} (options given win)",
    };

    readonly Option<int> ordersOption = CliOptions.Count("--orders", "N", "orders of the reconnect and mix workloads and of the baseline", DefaultOrders, 1, 100_000, separators: true);
    readonly Option<int> openOrdersOption = CliOptions.Count("--open-orders", "N", "orders held open in the open workload", DefaultBigOrders, 1, 100_000, separators: true);
    readonly Option<int> disconnectsOption = CliOptions.Count("--disconnects", "N", "orders of the mass disconnect", DefaultBigOrders, 1, 100_000, separators: true);
    readonly Option<int> burstOption = CliOptions.Count("--burst", "N", "cuts sent at once in the burst workload (a steady phase of a tenth of them runs first)", DefaultBigOrders, 10, 100_000, separators: true);
    readonly Option<int> hostsOption = CliOptions.Count("--hosts", "N", $"with 2 or more, the reconnect workload runs again on N hosts sharing one Azurite and task hub", 1, 1, BenchPlan.MaxHosts);
    readonly Option<string> shapeOption = CliOptions.Text("--shape", "A,E,T", "the same-shape baseline's activities, events and timers per orchestration (default: counted in the reconnect run's history)");
    readonly Option<int> resumeSampleOption = CliOptions.Count("--resume-sample", "N", "open orders completed after the host restart (open-resume)", DefaultResumeSample, 1, 10_000, separators: true);
    readonly Option<string> peerApisOption = CliOptions.Text("--peer-apis", "LIST", "stage run: comma-separated base addresses of the other hosts of the run");
    readonly Option<string> peerPidsOption = CliOptions.Text("--peer-pids", "LIST", "stage run: comma-separated process ids of the other hosts of the run");
    readonly Option<int?> azuritePidOption = CliOptions.OptionalCount("--azurite-pid", "PID", "stage run: Azurite's runner, for the CPU time of its processes", 1, int.MaxValue);
    readonly Option<string> killedAtOption = CliOptions.Text("--killed-at", "MS", "stage run (open-resume): when the host was killed, in milliseconds since 1970 (UTC)");
    readonly Option<int> indexOrdersOption = CliOptions.Count("--index-orders", "N", $"orders in the order list for the {BenchPlan.ReadModel} workload", DefaultIndexOrders, 10, 1_000_000, separators: true);
    readonly Option<int> idleOption = CliOptions.Seconds("--idle-timeout", "end a run when nothing moved for this long", DefaultIdleSeconds, 3600);
    readonly Option<int?> otlpPortOption = CliOptions.OptionalCount("--otlp-port", "PORT", "where the OTLP receiver of a telemetry run listens (stage run)", 1, 65535);
    readonly Option<int?> hostPidOption = CliOptions.OptionalCount("--host-pid", "PID", "the host's process id, for its memory (default: as the host reports it)", 1, int.MaxValue);
    readonly Option<string> outOption = CliOptions.LastWins(new Option<string>("--out")
    {
        Description = "where results go",
        HelpName = "DIR",
        DefaultValueFactory = _ => Path.Combine("artifacts", "bench"),
        CustomParser = result => result.Tokens[^1].Value,
    });

    public BenchCommand(TimeProvider time)
    {
        this.time = time;
        Command = new Command("bench", "measure throughput, latency and memory on the standalone host (driven by ./run.sh bench)")
        {
            stageOption, runOption, apiOption, apiKeyOption, workloadsOption, quickOption, ordersOption, openOrdersOption, disconnectsOption, burstOption, hostsOption,
            shapeOption, resumeSampleOption, indexOrdersOption, idleOption, hostPidOption, otlpPortOption, peerApisOption, peerPidsOption, azuritePidOption, killedAtOption, outOption,
        };
        Command.Validators.Add(result =>
        {
            if (CliOptions.ValueIn(result, stageOption, "") != "run")
            {
                return;
            }

            if (result.GetResult(apiOption) is null)
            {
                result.AddError("stage run needs --api");
            }

            var hosts = CliOptions.ValueIn(result, hostsOption, CliOptions.ValueIn(result, quickOption, false) ? Quick.Hosts : 1);
            var plan = BenchPlan.For(CliOptions.ValueIn(result, workloadsOption, null) ?? BenchPlan.Selectable.ToList(), hosts);
            if (CliOptions.ValueIn(result, runOption, "") is not { Length: > 0 } name)
            {
                result.AddError($"stage run needs {RunOption}: one of {string.Join(", ", plan.Select(r => r.Name))}");
            }
            else if (!plan.Any(r => r.Name == name))
            {
                result.AddError($"{RunOption} must be one of {string.Join(", ", plan.Select(r => r.Name))}, not '{Printable.Clip(name, 40)}'");
            }
        });
        Command.Validators.Add(result =>
        {
            if (CliOptions.ValueIn(result, shapeOption, "") is { Length: > 0 } shape && ShapeCounts.Parse(shape).Error is { } error)
            {
                result.AddError(error);
            }
        });
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var outDir = parse.GetRequiredValue(outOption);
        var plan = BenchPlan.For(parse.GetValue(workloadsOption) ?? BenchPlan.Selectable.ToList(), Size(parse, hostsOption, Quick.Hosts));

        switch (parse.GetRequiredValue(stageOption))
        {
            case "plan":
                foreach (var run in plan)
                {
                    Console.Out.WriteLine(run.PlanLine());
                }

                return ExitCodes.Success;

            case "run":
                var name = parse.GetRequiredValue(runOption);
                var spec = plan.First(r => r.Name == name);
                return await RunOneAsync(parse, spec, outDir, cancellationToken);

            default:
                var orderRuns = plan.Where(r => r.Name != BenchPlan.ReadModel).ToList();
                var code = orderRuns.Count > 0 ? BenchReport.Write(Console.Out, orderRuns, outDir) : ExitCodes.Success;
                if (plan.Any(r => r.Name == BenchPlan.ReadModel))
                {
                    var path = Path.Combine(outDir, ReadModelBench.FileName);
                    if (!File.Exists(path))
                    {
                        Console.Error.WriteLine($"  no result of the {BenchPlan.ReadModel} run: {path} is missing");
                        return ExitCodes.Failure;
                    }

                    ReadModelBench.Write(Console.Out, JsonSerializer.Deserialize<ReadModelBenchResult>(File.ReadAllText(path), BenchReport.Json)!);
                }

                return code;
        }
    }

    async Task<int> RunOneAsync(ParseResult parse, BenchRunSpec spec, string outDir, CancellationToken cancellationToken)
    {
        var api = parse.GetRequiredValue(apiOption);
        var orders = Size(parse, ordersOption, Quick.Orders);
        var openOrders = Size(parse, openOrdersOption, Quick.OpenOrders);
        var disconnects = Size(parse, disconnectsOption, Quick.Disconnects);
        var idle = TimeSpan.FromSeconds(parse.GetValue(idleOption));
        if (spec.Name == BenchPlan.ReadModel)
        {
            await new ReadModelBench(api, CliOptions.ApiKeyFrom(parse, apiKeyOption), Console.Out).RunAsync(parse.GetValue(indexOrdersOption), outDir, cancellationToken);
            return ExitCodes.Success;
        }

        var storage = Environment.GetEnvironmentVariable(StorageVariable);
        if (string.IsNullOrEmpty(storage))
        {
            throw new UsageException($"stage run reads the task hub and the reply queue: set {StorageVariable} to the host's storage connection string");
        }

        var hostPid = parse.GetValue(hostPidOption);
        var apiKey = CliOptions.ApiKeyFrom(parse, apiKeyOption);
        var runsDir = Path.Combine(outDir, "runs");
        Directory.CreateDirectory(runsDir);

        string taskHub;
        using (var diagnostics = new BenchDiagnostics(api, apiKey))
        {
            var engine = await diagnostics.EngineAsync(cancellationToken);
            taskHub = engine.Durable.TryGetProperty("taskHubName", out var hub) && hub.GetString() is { Length: > 0 } h ? h : "ServiceOrders";
        }

        var target = new BenchTarget(api, apiKey, storage, hostPid, idle, taskHub,
            List(parse.GetValue(peerApisOption), t => new Uri(t, UriKind.Absolute)), List(parse.GetValue(peerPidsOption), t => int.Parse(t, System.Globalization.CultureInfo.InvariantCulture)),
            parse.GetValue(azuritePidOption));
        var runner = new BenchRunner(target, time, Console.Out);
        var tag = RunTag.New(time);
        BenchResult result;
        switch (spec.Name)
        {
            case BenchPlan.Baseline:
                result = await runner.RunBaselineAsync(spec, orders, tag, null, null, cancellationToken);
                break;
            case BenchPlan.BaselineShape:
                var (shape, source) = parse.GetValue(shapeOption) is { } given
                    ? (ShapeCounts.Parse(given).Shape, "--shape")
                    : (BenchReport.Read(runsDir, BenchWorkloads.Reconnect) is { } reconnectRun ? ShapeCounts.FromHistory(reconnectRun.Figures.HistoryEvents, reconnectRun.Figures.Orders) : null,
                        "the reconnect run's history: TaskScheduled, EventRaised and TimerCreated per order");
                if (shape is null)
                {
                    Console.Error.WriteLine("  no shape: the reconnect run has no result (or no activities); give --shape A,E,T");
                    return ExitCodes.Failure;
                }

                result = await runner.RunBaselineAsync(spec, orders, tag, shape, source, cancellationToken);
                break;
            case BenchWorkloads.Reconnect:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.ReconnectOrders(spec.Name, tag, orders), tag, null, cancellationToken);
                break;
            case var multi when multi == BenchWorkloads.ReconnectOnHosts(spec.Hosts) && spec.Hosts > 1:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.ReconnectOrders(spec.Name, tag, orders), tag, null, cancellationToken);
                break;
            case BenchWorkloads.Burst:
                result = await runner.RunBurstAsync(spec, BurstSizes.For(Size(parse, burstOption, Quick.Burst)), tag, cancellationToken);
                break;
            case BenchWorkloads.OpenResume:
                if (BenchReport.Read(runsDir, BenchWorkloads.Open) is not { } openRun)
                {
                    Console.Error.WriteLine("  nothing to resume: the open run has no result");
                    return ExitCodes.Failure;
                }

                var killedAt = parse.GetValue(killedAtOption) is { } ms && long.TryParse(ms, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var at)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(at)
                    : time.GetUtcNow();
                result = await runner.RunResumeAsync(spec, openRun, Math.Min(Size(parse, resumeSampleOption, Quick.ResumeSample), openRun.Figures.AsExpected), killedAt, cancellationToken);
                break;
            case BenchWorkloads.ReconnectTelemetry:
                if (parse.GetValue(otlpPortOption) is not { } otlpPort)
                {
                    throw new UsageException($"the {spec.Name} run needs --otlp-port, the port its host exports to");
                }

                await using (var sink = await OtlpSink.StartAsync(otlpPort, cancellationToken))
                {
                    result = await runner.RunOrdersAsync(spec, BenchWorkloads.ReconnectOrders(spec.Name, tag, orders), tag, null, cancellationToken);
                    result = result with { Telemetry = sink.Received() };
                }

                break;
            case BenchWorkloads.ReconnectHalfRate:
                var peak = BenchReport.Read(runsDir, BenchWorkloads.Reconnect)?.Figures.OrdersPerSecond;
                if (peak is not > 0)
                {
                    Console.Error.WriteLine("  no peak rate: the reconnect run has no result");
                    return ExitCodes.Failure;
                }

                // Half the orders at half the rate: as long as the peak run.
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.ReconnectOrders(spec.Name, tag, Math.Max(orders / 2, 10)), tag, peak.Value / 2, cancellationToken);
                break;
            case BenchWorkloads.Mix:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.MixOrders(tag, orders), tag, null, cancellationToken);
                break;
            case BenchWorkloads.Open:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.OpenOrders(tag, openOrders), tag, null, cancellationToken);
                break;
            case BenchWorkloads.MassDisconnect:
                result = await runner.RunOrdersAsync(spec, BenchWorkloads.MassDisconnectOrders(tag, disconnects), tag, null, cancellationToken);
                break;
            default:
                throw new UsageException($"no such run '{spec.Name}'");
        }

        await File.WriteAllTextAsync(Path.Combine(runsDir, spec.Name + ".json"), JsonSerializer.Serialize(result, BenchReport.Json), cancellationToken);
        return result.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The value of a size option: as given; else with --quick its quick size; else its default.</summary>
    int Size(ParseResult parse, Option<int> option, int quick) =>
        parse.GetResult(option) is { Implicit: false } || !parse.GetValue(quickOption) ? parse.GetValue(option) : quick;

    static List<T>? List<T>(string? text, Func<string, T> parse) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();

    /// <summary>The workloads of --workloads; an unknown name is a parse error.</summary>
    static IReadOnlyCollection<string> Workloads(System.CommandLine.Parsing.ArgumentResult result)
    {
        var list = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var name in names.Where(n => !BenchPlan.Selectable.Contains(n) && !BenchPlan.OnRequest.Contains(n) && n != BenchPlan.Baseline))
        {
            result.AddError($"{WorkloadsOption}: unknown workload '{Printable.Clip(name, 40)}'; choose from {string.Join(", ", BenchPlan.Selectable)}");
            break;
        }

        return names;
    }
}
