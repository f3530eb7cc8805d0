using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceOrders.Cli.CommandLine;

namespace ServiceOrders.Cli.Bench;

/// <summary>One goal of the issue, beside what was measured.</summary>
internal sealed record BenchGoalCheck(string Goal, string Measured, bool? Met);

/// <summary>One run in a line of <c>results.json</c>'s summary.</summary>
internal sealed record BenchSummary(
    string Workload,
    int Hosts,
    int Orders,
    int AsExpected,
    double OrdersPerSecond,
    double? RatioToBaseline,
    double? RatioToSameShape,
    double DurableActionsPerOrder,
    double? StorageRequestsPerOrder,
    double? P50Seconds,
    double? P95Seconds,
    double? P99Seconds,
    double? PeakMemoryMiB,
    double? GoodputRatio);

/// <summary>Gathers the runs into <c>results.json</c> and prints the table and the goals.</summary>
internal static class BenchReport
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public const double RatioGoal = 0.8;
    public const double ReconnectGoal = 25;
    public const double P95GoalSeconds = 2;
    public const double OpenMemoryGoalMiB = 1024;
    public const int OpenGoalOrders = 10_000;
    public const double TelemetryCostGoal = 0.10;
    public const double ActionsPerReconnectGoal = 12;
    public const double RequestsPerReconnectGoal = 90;
    public const double GoodputGoal = 0.7;

    /// <summary>The picture of the runs over time, beside results.json.</summary>
    public const string ChartFile = "timeline.svg";

    public static BenchResult? Read(string runsDir, string name)
    {
        var path = Path.Combine(runsDir, name + ".json");
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BenchResult>(File.ReadAllText(path), Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static int Write(TextWriter output, IReadOnlyList<BenchRunSpec> plan, string outDir)
    {
        var runsDir = Path.Combine(outDir, "runs");
        var results = plan.Select(p => Read(runsDir, p.Name)).OfType<BenchResult>().ToList();
        var missing = plan.Select(p => p.Name).Except(results.Select(r => r.Workload)).ToList();
        results = WithRatios(results);
        var goals = Goals(results, missing);

        var document = new
        {
            generatedAt = DateTimeOffset.UtcNow,
            commit = results.FirstOrDefault()?.Commit,
            machine = results.FirstOrDefault()?.Machine,
            definitions = new
            {
                ratioToBaseline = "durable actions/s of the run over those of the \"hello, cities\" baseline (5 activities in a row)",
                ratioToSameShape = "durable actions/s of the run over those of the same-shape baseline: the bare engine with as many activities, events raised from outside and deadline timers per orchestration as the reconnect run's history shows; the goal's ratio",
                storageRequestsPerOrder = "storage requests of all the run's hosts divided by its orders; per request type they cannot be told apart (a request names a table or queue, not an order), so byRequestType has durable actions only",
                timeline = "per 10 s window from the first order sent: the orders whose final reply (open: acknowledgement) came in it, and the p50 / p95 intake to reply of those",
                burst = "steady: cuts sent with at most steadyInFlight in flight (a new one as one ends), its rate = those ended / (last end - first send); then the burst's cuts at once and move-ins and reconnects after them; goodput = cuts ended / (last cut end - first cut sent); goodputRatio = goodput / steady rate; lost = sent, never started and never replied; duplicated = started more than once (ExecutionStarted rows); stuck = neither ended nor lost",
                storage = "open: what the open orders added to the account, per order: table rows and bytes (Azure Table Storage's size formula over every table), queue messages (approximate count) and bytes (mean of up to 32 peeked, times the count)",
                resume = "open-resume: the open run's host killed with SIGKILL and started again on the same storage; then crew completions for a sample of its orders, posted to the API; hostReadySeconds, firstEndedSeconds, allEndedSeconds are from the kill to the new host answering, to the first and the last of the sample's final replies",
                cpuSeconds = "CPU seconds (user + system) of each host and of each Azurite process during the run, from /proc",
                window = "from the first order sent (baseline: the start request) to the last update of any of the run's orchestrations",
                ordersPerSecond = "orders that ended as expected, divided by the window",
                durableActions = "history events of the run's orchestrations in the task hub's History table, except the episode markers OrchestratorStarted and OrchestratorCompleted",
                intakeToReplySeconds = "from just before the order was put on service-order-requests to the 'at' of its final CIS reply (open: its Acknowledged reply)",
                intakeToReplySeenSeconds = "the same, to when the bench read that reply from cis-replies (polled every 200 ms when idle)",
                storageRequests = "HTTP requests from the host process to the storage emulator during the run (engine, product, and the in-process simulators' queue polling)",
                hostPeakRssMiB = "VmHWM of the host process at the end of the run; each run has a host of its own",
                hostCpuMillisecondsPerOrder = "user and system CPU time of the host process from the first order sent to the end of the run, per order",
                telemetry = "reconnect-telemetry: the reconnect workload with the host exporting every span, metric and log over OTLP/HTTP to a receiver in the bench; its cost is 1 - its orders/s over reconnect's",
            },
            goals,
            summary = results.Select(Summary).ToList(),
            runs = results,
        };
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "results.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document, Json));
        var chart = Path.Combine(outDir, ChartFile);
        File.WriteAllText(chart, BenchChart.Svg(results));

        output.WriteLine();
        WriteTable(output, results);
        foreach (var run in results.Where(r => r.ByRequestType is { Count: > 0 }))
        {
            output.WriteLine();
            output.WriteLine($"  {run.Workload} by request type (storage requests are per workload only):");
            foreach (var t in run.ByRequestType!)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {t.RequestType,-22} {t.Ended,5:N0}/{t.Orders,-5:N0} ended  {t.DurableActionsPerOrder,5:0.0} actions/order  p50 {t.IntakeToReplySeconds?.P50,6:0.00} s  p95 {t.IntakeToReplySeconds?.P95,6:0.00} s"));
            }
        }

        output.WriteLine();
        foreach (var goal in goals)
        {
            var mark = goal.Met switch { true => "✓", false => "✗", null => "–" };
            output.WriteLine($"  {mark} {goal.Goal}: {goal.Measured}");
        }

        if (results.FirstOrDefault()?.Machine is { } machine)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  machine: {machine.Cores} cores, {machine.MemoryGiB:0.#} GiB, {machine.Os}; load average {machine.LoadAverage1m:0.00} at the start of the first run"));
        }

        output.WriteLine($"  results: {path}; over time: {chart}");
        var stuck = results.Any(r => r.Problems.Count > 0) || missing.Count > 0;
        return stuck ? ExitCodes.Failure : ExitCodes.Success;
    }

    /// <summary>The runs with their ratios to the "hello, cities" and the same-shape baselines.</summary>
    public static List<BenchResult> WithRatios(IReadOnlyList<BenchResult> results)
    {
        var hello = results.FirstOrDefault(r => r.Workload == BenchPlan.Baseline)?.Figures.DurableActionsPerSecond;
        var shaped = results.FirstOrDefault(r => r.Workload == BenchPlan.BaselineShape)?.Figures.DurableActionsPerSecond;
        // The baselines themselves, and the resume run (a sample of orders finishing), have no ratio.
        static bool IsBaseline(BenchResult r) => r.Workload is BenchPlan.Baseline or BenchPlan.BaselineShape or BenchWorkloads.OpenResume;
        return results.Select(r => IsBaseline(r) ? r : r with
        {
            RatioToBaseline = BenchMath.Ratio(r.Figures.DurableActionsPerSecond, hello),
            RatioToSameShape = BenchMath.Ratio(r.Figures.DurableActionsPerSecond, shaped),
        }).ToList();
    }

    /// <summary>One flat line per run: the figures a person looks for first.</summary>
    public static BenchSummary Summary(BenchResult r)
    {
        var f = r.Figures;
        return new BenchSummary(
            r.Workload, r.Hosts, f.Orders, f.AsExpected, f.OrdersPerSecond, r.RatioToBaseline, r.RatioToSameShape, f.DurableActionsPerOrder, f.StorageRequestsPerOrder,
            f.IntakeToReplySeconds?.P50, f.IntakeToReplySeconds?.P95, f.IntakeToReplySeconds?.P99,
            r.HostsPeakRssMiB is { Count: > 0 } peaks ? peaks.Max() : f.HostPeakRssMiB, r.Burst?.GoodputRatio);
    }

    static List<BenchGoalCheck> Goals(IReadOnlyList<BenchResult> results, IReadOnlyList<string> missing)
    {
        var goals = new List<BenchGoalCheck>();
        BenchResult? Run(string name) => results.FirstOrDefault(r => r.Workload == name);
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        if (Run(BenchWorkloads.Reconnect) is { } reconnect)
        {
            var shapeRun = Run(BenchPlan.BaselineShape);
            goals.Add(new(F($"reconnect durable actions/s at least {RatioGoal:0.0} of the same-shape bare engine's ({reconnect.Figures.Orders:N0} sent at once)"),
                reconnect.RatioToSameShape is { } same
                    ? F($"{same:0.00} (shape {shapeRun?.Shape}: activities, events, timers; {reconnect.RatioToBaseline:0.00} of \"hello, cities\")")
                    : "no same-shape baseline", reconnect.RatioToSameShape >= RatioGoal));
            goals.Add(new(F($"at most {ActionsPerReconnectGoal:0} durable actions and {RequestsPerReconnectGoal:0} storage requests per smart reconnect"),
                F($"{reconnect.Figures.DurableActionsPerOrder:0.0} actions, {reconnect.Figures.StorageRequestsPerOrder:0} requests"),
                reconnect.Figures.DurableActionsPerOrder <= ActionsPerReconnectGoal && reconnect.Figures.StorageRequestsPerOrder <= RequestsPerReconnectGoal));
            goals.Add(new(F($"at least {ReconnectGoal:0} reconnect orders/s end to end"), F($"{reconnect.Figures.OrdersPerSecond:0.0}/s"),
                reconnect.Figures.OrdersPerSecond >= ReconnectGoal));
        }

        if (Run(BenchWorkloads.Reconnect) is { Figures.OrdersPerSecond: > 0 } plain && Run(BenchWorkloads.ReconnectTelemetry) is { } traced)
        {
            var cost = 1 - (traced.Figures.OrdersPerSecond / plain.Figures.OrdersPerSecond);
            var exported = traced.Telemetry is { } t ? F($"; {t.Requests:N0} exports, {t.Bytes / 1048576.0:0.0} MiB") : "";
            var cpu = plain.Figures.HostCpuMillisecondsPerOrder is { } without && traced.Figures.HostCpuMillisecondsPerOrder is { } with
                ? F($"; host CPU {with:0} ms/order with, {without:0} without") : "";
            goals.Add(new(F($"tracing and metrics on cost at most {TelemetryCostGoal:0%} of reconnect orders/s"),
                F($"{cost:0%} ({traced.Figures.OrdersPerSecond:0.0}/s with, {plain.Figures.OrdersPerSecond:0.0}/s without{exported}{cpu})"), cost <= TelemetryCostGoal));
        }

        if (Run(BenchWorkloads.ReconnectHalfRate) is { } half)
        {
            var p95 = half.Figures.IntakeToReplySeconds?.P95;
            goals.Add(new(F($"p95 intake to reply at most {P95GoalSeconds:0} s at half the peak rate"),
                p95 is { } p ? F($"{p:0.00} s at {half.Settings.PacedOrdersPerSecond:0.0} orders/s") : "no replies", p95 <= P95GoalSeconds));
        }

        if (Run(BenchWorkloads.Open) is { } open)
        {
            var peak = open.Figures.HostPeakRssMiB;
            var scale = open.Figures.Orders < OpenGoalOrders ? F($" (only {open.Figures.Orders:N0} open)") : "";
            goals.Add(new(F($"{OpenGoalOrders:N0} open orders with host memory under {OpenMemoryGoalMiB / 1024:0} GiB"),
                F($"peak {peak:0} MiB with {open.Figures.AsExpected:N0} open{scale}"),
                open.Figures.Orders >= OpenGoalOrders ? peak < OpenMemoryGoalMiB : null));
        }

        if (Run(BenchWorkloads.Burst) is { Burst: { } burst } burstRun)
        {
            var scale = burst.Orders < OpenGoalOrders ? F($" (only {burst.Orders:N0} at once)") : "";
            goals.Add(new(F($"{OpenGoalOrders:N0}-order burst drains at {GoodputGoal:0.0} of the steady rate or more, 0 lost, host under {OpenMemoryGoalMiB / 1024:0} GiB"),
                F($"{burst.GoodputRatio:0.00} ({burst.GoodputOrdersPerSecond:0.00}/s against {burst.SteadyOrdersPerSecond:0.00}/s), {burst.Lost} lost, {burst.Duplicated} duplicated, {burst.Stuck} stuck, peak {burstRun.Figures.HostPeakRssMiB:0} MiB{scale}; p95 cuts {burst.CutsIntakeToReplySeconds?.P95:0.0} s, move-ins {burst.MoveInsIntakeToReplySeconds?.P95:0.0} s, reconnects {burst.ReconnectsIntakeToReplySeconds?.P95:0.0} s"),
                burst.Orders >= OpenGoalOrders ? burst.GoodputRatio >= GoodputGoal && burst.Lost == 0 && burst.Duplicated == 0 && burst.Stuck == 0 && burstRun.Figures.HostPeakRssMiB < OpenMemoryGoalMiB : null));
        }

        if (Run(BenchWorkloads.OpenResume) is { Resume: { } resume })
        {
            goals.Add(new("open orders resume after a host restart (measured, no goal)",
                F($"host answering {resume.HostReadySeconds:0.0} s after SIGKILL; {resume.Ended}/{resume.Sample} completed orders ended, the first {resume.FirstEndedSeconds:0.0} s and the last {resume.AllEndedSeconds:0.0} s after the kill"), null));
        }

        foreach (var multi in results.Where(r => r.Hosts > 1))
        {
            var single = Run(BenchWorkloads.Reconnect);
            goals.Add(new(F($"reconnect on {multi.Hosts} hosts against 1 (measured, no goal)"),
                F($"{multi.Figures.OrdersPerSecond:0.0}/s against {single?.Figures.OrdersPerSecond:0.0}/s; CPU s: {string.Join(", ", (multi.CpuSeconds ?? new Dictionary<string, double>()).Select(c => F($"{c.Key} {c.Value:0}")))}"), null));
        }

        var stuck = results.Sum(r => r.Figures.Stuck + r.Figures.Unexpected);
        var notes = results.Where(r => r.Problems.Count > 0).Select(r => $"{r.Workload}: {string.Join("; ", r.Problems)}").ToList();
        notes.AddRange(missing.Select(m => $"{m}: no result"));
        goals.Add(new("nothing stuck", notes.Count == 0 ? "none" : string.Join(" | ", notes), stuck == 0 && notes.Count == 0));
        return goals;
    }

    static void WriteTable(TextWriter output, IReadOnlyList<BenchResult> results)
    {
        string[] header = ["run", "orders", "as expected", "orders/s", "actions/s", "ratio", "same-shape", "actions/order", "p50 s", "p95 s", "p99 s", "peak MiB", "requests/order"];
        var rows = results.Select(r =>
        {
            var f = r.Figures;
            var l = f.IntakeToReplySeconds;
            string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "–";
            return new[]
            {
                r.Workload,
                f.Orders.ToString("N0", CultureInfo.InvariantCulture),
                f.AsExpected.ToString("N0", CultureInfo.InvariantCulture),
                N(f.OrdersPerSecond, "0.0"),
                N(f.DurableActionsPerSecond, "0"),
                N(r.RatioToBaseline, "0.00"),
                N(r.RatioToSameShape, "0.00"),
                N(f.DurableActionsPerOrder, "0.0"),
                N(l?.P50, "0.00"),
                N(l?.P95, "0.00"),
                N(l?.P99, "0.00"),
                N(r.HostsPeakRssMiB is { Count: > 0 } peaks ? peaks.Max() : f.HostPeakRssMiB, "0"),
                N(f.StorageRequestsPerOrder, "0"),
            };
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Select(r => r[i].Length).DefaultIfEmpty(0).Max())).ToArray();
        string Line(string[] cells) => "  " + string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i])));
        output.WriteLine(Line(header));
        output.WriteLine("  " + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }
}
