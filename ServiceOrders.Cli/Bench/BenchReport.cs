using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceOrders.Cli.CommandLine;

namespace ServiceOrders.Cli.Bench;

/// <summary>One goal of the issue, beside what was measured.</summary>
internal sealed record BenchGoalCheck(string Goal, string Measured, bool? Met);

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
        var baseline = results.FirstOrDefault(r => r.Workload == BenchPlan.Baseline);
        double? Ratio(BenchResult r) => baseline is { Figures.DurableActionsPerSecond: > 0 } b && r.Workload != BenchPlan.Baseline
            ? Math.Round(r.Figures.DurableActionsPerSecond / b.Figures.DurableActionsPerSecond, 2)
            : null;
        results = results.Select(r => r with { RatioToBaseline = Ratio(r) }).ToList();
        var goals = Goals(results, missing);

        var document = new
        {
            generatedAt = DateTimeOffset.UtcNow,
            commit = results.FirstOrDefault()?.Commit,
            machine = results.FirstOrDefault()?.Machine,
            definitions = new
            {
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
            runs = results,
        };
        Directory.CreateDirectory(outDir);
        var path = Path.Combine(outDir, "results.json");
        File.WriteAllText(path, JsonSerializer.Serialize(document, Json));

        output.WriteLine();
        WriteTable(output, results);
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

        output.WriteLine($"  results: {path}");
        var stuck = results.Any(r => r.Problems.Count > 0) || missing.Count > 0;
        return stuck ? ExitCodes.Failure : ExitCodes.Success;
    }

    static List<BenchGoalCheck> Goals(IReadOnlyList<BenchResult> results, IReadOnlyList<string> missing)
    {
        var goals = new List<BenchGoalCheck>();
        BenchResult? Run(string name) => results.FirstOrDefault(r => r.Workload == name);
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        if (Run(BenchWorkloads.Reconnect) is { } reconnect)
        {
            goals.Add(new(F($"durable actions/s at least {RatioGoal:0.0} of the bare engine's (reconnect)"),
                reconnect.RatioToBaseline is { } ratio ? F($"{ratio:0.00}") : "no baseline", reconnect.RatioToBaseline >= RatioGoal));
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

        var stuck = results.Sum(r => r.Figures.Stuck + r.Figures.Unexpected);
        var notes = results.Where(r => r.Problems.Count > 0).Select(r => $"{r.Workload}: {string.Join("; ", r.Problems)}").ToList();
        notes.AddRange(missing.Select(m => $"{m}: no result"));
        goals.Add(new("nothing stuck", notes.Count == 0 ? "none" : string.Join(" | ", notes), stuck == 0 && notes.Count == 0));
        return goals;
    }

    static void WriteTable(TextWriter output, IReadOnlyList<BenchResult> results)
    {
        string[] header = ["run", "orders", "as expected", "orders/s", "actions/s", "ratio", "actions/order", "p50 s", "p95 s", "p99 s", "peak MiB", "requests/order"];
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
                N(f.DurableActionsPerOrder, "0.0"),
                N(l?.P50, "0.00"),
                N(l?.P95, "0.00"),
                N(l?.P99, "0.00"),
                N(f.HostPeakRssMiB, "0"),
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
