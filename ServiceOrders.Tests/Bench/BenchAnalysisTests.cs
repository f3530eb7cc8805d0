using System.Xml.Linq;
using Azure.Data.Tables;
using ServiceOrders.Cli.Bench;
using ServiceOrders.DevHost.Bench;

namespace ServiceOrders.Tests.Bench;

/// <summary>
/// The bench's own arithmetic: the same-shape baseline takes the shape the reconnect run's history shows and runs
/// exactly that many activities, events and timers; ratios, rates, the timeline and the per-type figures are what
/// docs/performance.md defines; the picture is well-formed SVG; the plan tells run.sh what to start.
/// </summary>
public sealed class BenchAnalysisTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_shape_is_the_reconnect_runs_activities_events_and_timers_per_order()
    {
        var history = new Dictionary<string, long>
        {
            ["ExecutionStarted"] = 10, ["TaskScheduled"] = 90, ["TaskCompleted"] = 90, ["EventRaised"] = 40, ["TimerCreated"] = 20,
            ["OrchestratorStarted"] = 140, ["ExecutionCompleted"] = 10,
        };

        Assert.Equal(new ShapeCounts(9, 4, 2), ShapeCounts.FromHistory(history, 10));
        Assert.Equal(new ShapeCounts(10, 0, 0), ShapeCounts.FromHistory(new Dictionary<string, long> { ["TaskScheduled"] = 95 }, 10));
        Assert.Null(ShapeCounts.FromHistory(history, 0));
        Assert.Null(ShapeCounts.FromHistory(new Dictionary<string, long> { ["EventRaised"] = 40 }, 10));
    }

    [Theory]
    [InlineData("9,4,2", 9, 4, 2)]
    [InlineData(" 7, 2 ,0", 7, 2, 0)]
    public void A_shape_given_on_the_command_line_reads_as_activities_events_timers(string text, int activities, int events, int timers)
    {
        Assert.Equal((new ShapeCounts(activities, events, timers), (string?)null), ShapeCounts.Parse(text));
    }

    [Theory]
    [InlineData("9,4")]
    [InlineData("9,4,2,1")]
    [InlineData("a,b,c")]
    [InlineData("9,-1,2")]
    [InlineData("101,0,0")]
    [InlineData("0,2,2")]
    public void A_shape_that_is_not_one_is_refused(string text)
    {
        var (shape, error) = ShapeCounts.Parse(text);

        Assert.Null(shape);
        Assert.StartsWith("--shape", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9, 4, 2)]   // revision 1 and 2: 2 commands, interim and final answer each, one deadline per command
    [InlineData(5, 0, 0)]   // "hello, cities"
    [InlineData(6, 2, 0)]   // no durable timer per deadline
    [InlineData(3, 4, 6)]   // more timers than commands
    [InlineData(1, 5, 0)]   // one activity asks for every answer
    [InlineData(12, 4, 4)]  // revision 0
    public void The_same_shape_orchestration_schedules_exactly_the_shapes_activities_events_and_timers(int activities, int events, int timers)
    {
        var steps = ShapePlan.Of(new BaselineShape(activities, events, timers));

        Assert.Equal(activities, steps.Count(s => s.Kind is ShapeStepKind.Activity or ShapeStepKind.Command));
        Assert.Equal(events, steps.Sum(s => s.Events));
        Assert.Equal(timers, steps.Count(s => s.Deadline) + steps.Count(s => s.Kind == ShapeStepKind.Timer));
        Assert.All(steps.Where(s => s.Kind == ShapeStepKind.Command), s => Assert.True(s.Events > 0));
    }

    [Fact]
    public void A_reconnects_shape_lays_out_as_two_commands_under_a_deadline_each()
    {
        var commands = ShapePlan.Of(new BaselineShape(9, 4, 2)).Where(s => s.Kind == ShapeStepKind.Command).ToList();

        Assert.Equal([new ShapeStep(ShapeStepKind.Command, 2, true), new ShapeStep(ShapeStepKind.Command, 2, true)], commands);
        Assert.NotNull(new BaselineShape(0, 1, 0).Problem());
        Assert.NotNull(new BaselineShape(1, 101, 0).Problem());
        Assert.Null(new BaselineShape(9, 4, 2).Problem());
    }

    [Fact]
    public void Ratios_and_rates_are_plain_quotients_and_missing_when_they_cannot_be_had()
    {
        Assert.Equal(0.8, BenchMath.Ratio(80, 100));
        Assert.Equal(0.33, BenchMath.Ratio(1, 3));
        Assert.Null(BenchMath.Ratio(80, 0));
        Assert.Null(BenchMath.Ratio(null, 100));
        Assert.Null(BenchMath.Ratio(80, null));

        Assert.Equal(2.0, BenchMath.Rate(10, T0, T0.AddSeconds(5)));
        Assert.Null(BenchMath.Rate(0, T0, T0.AddSeconds(5)));
        Assert.Null(BenchMath.Rate(10, T0, null));
    }

    [Fact]
    public void The_burst_goodput_ratio_is_its_rate_over_the_steady_rate()
    {
        var steady = BenchMath.Rate(100, T0, T0.AddSeconds(25));       // 4 orders/s
        var goodput = BenchMath.Rate(1_000, T0, T0.AddSeconds(500));   // 2 orders/s

        Assert.Equal(0.5, BenchMath.Ratio(goodput, steady));
    }

    [Theory]
    [InlineData(10_000, 1_000, 200)]
    [InlineData(300, 30, 10)]
    [InlineData(40, 20, 10)]
    [InlineData(100_000, 1_000, 200)]
    public void The_burst_runs_a_tenth_steady_first_and_a_fiftieth_behind_it(int burst, int steady, int behind)
    {
        Assert.Equal(new BurstSizes(burst, steady, BurstSizes.DefaultSteadyInFlight, behind), BurstSizes.For(burst));
    }

    [Fact]
    public void The_timeline_counts_ends_per_window_with_the_latency_of_those_that_ended_in_it()
    {
        (DateTimeOffset, DateTimeOffset?)[] orders =
        [
            (T0, T0.AddSeconds(3)),
            (T0, T0.AddSeconds(12)),
            (T0.AddSeconds(10), T0.AddSeconds(15)),
            (T0.AddSeconds(30), T0.AddSeconds(35)),
            (T0.AddSeconds(31), null),
        ];

        var timeline = BenchMath.Timeline(orders, T0, TimeSpan.FromSeconds(10));

        Assert.Equal(
            [new TimelineWindow(0, 1, 3, 3), new TimelineWindow(10, 2, 5, 12), new TimelineWindow(20, 0, null, null), new TimelineWindow(30, 1, 5, 5)],
            timeline);
        Assert.Empty(BenchMath.Timeline([(T0, null)], T0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Per_request_type_the_run_counts_orders_their_actions_and_their_latency()
    {
        var actions = new Dictionary<string, long> { ["B-1"] = 12, ["B-2"] = 14, ["B-3"] = 26 };

        var byType = BenchMath.ByRequestType(
            [("B-1", "ReadMeter", 1.0, true), ("B-2", "ReadMeter", 3.0, true), ("B-3", "ReconnectForPayment", null, false)], actions);

        Assert.Equal(2, byType.Count);
        var read = byType[0];
        Assert.Equal(("ReadMeter", 2, 2, 26L, 13.0), (read.RequestType, read.Orders, read.Ended, read.DurableActions, read.DurableActionsPerOrder));
        Assert.Equal(3.0, read.IntakeToReplySeconds!.P95);
        Assert.Equal(("ReconnectForPayment", 1, 0, 26.0), (byType[1].RequestType, byType[1].Orders, byType[1].Ended, byType[1].DurableActionsPerOrder));
        Assert.Null(byType[1].IntakeToReplySeconds);
    }

    [Fact]
    public void Each_run_is_compared_with_both_baselines_and_the_summary_carries_the_ratios()
    {
        List<BenchResult> runs = [Result("baseline", 100), Result("baseline-shape", 50), Result("reconnect", 40) with { Burst = null }];

        var rated = BenchReport.WithRatios(runs);

        Assert.Null(rated[0].RatioToBaseline);
        Assert.Null(rated[1].RatioToSameShape);
        Assert.Equal((0.4, 0.8), (rated[2].RatioToBaseline, rated[2].RatioToSameShape));
        var summary = BenchReport.Summary(rated[2]);
        Assert.Equal(("reconnect", 0.4, 0.8, 26.0), (summary.Workload, summary.RatioToBaseline, summary.RatioToSameShape, summary.DurableActionsPerOrder));
    }

    [Fact]
    public void The_picture_is_well_formed_svg_with_a_bar_per_window_and_the_run_names_escaped()
    {
        var run = Result("reconnect <&> \"quoted\"", 40) with
        {
            Timeline = [new TimelineWindow(0, 5, 1.5, 2.5), new TimelineWindow(10, 0, null, null), new TimelineWindow(20, 7, 2, 4)],
        };

        var svg = XDocument.Parse(BenchChart.Svg([Result("baseline", 100), run]));

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(1 + 3, svg.Descendants(ns + "rect").Count());
        Assert.Equal(2, svg.Descendants(ns + "polyline").Count());
        Assert.Equal(4, svg.Descendants(ns + "circle").Count()); // p50 and p95 of the two windows with ends
        Assert.Contains(svg.Descendants(ns + "text"), t => t.Value.StartsWith("reconnect <&> \"quoted\":", StringComparison.Ordinal));
        Assert.NotNull(XDocument.Parse(BenchChart.Svg([])).Root);
    }

    [Fact]
    public void The_plan_runs_the_same_shape_baseline_after_reconnect_and_the_hosts_run_with_its_hosts()
    {
        var plan = BenchPlan.For(["reconnect", "open", "burst"], hosts: 3);
        var names = plan.Select(r => r.Name).ToList();

        Assert.True(names.IndexOf("baseline-shape") > names.IndexOf("reconnect"));
        Assert.Equal(3, plan.Single(r => r.Name == "reconnect-3-hosts").Hosts);
        Assert.All(plan.Where(r => r.Name != "reconnect-3-hosts"), r => Assert.Equal(1, r.Hosts));
        Assert.Equal((BenchLifecycle.Keep, BenchLifecycle.Restart), (plan.Single(r => r.Name == "open").Lifecycle, plan.Single(r => r.Name == "open-resume").Lifecycle));
        Assert.Equal(names.IndexOf("open") + 1, names.IndexOf("open-resume"));
        Assert.Contains("burst", names);
        Assert.DoesNotContain(BenchPlan.For(["reconnect"]), r => r.Hosts > 1);
        Assert.Equal(["baseline-shape", "1", "fresh", "Bench__Baseline=true"], plan.Single(r => r.Name == "baseline-shape").PlanLine().Split('\t'));
    }

    [Fact]
    public void A_rows_size_follows_the_table_storage_formula()
    {
        var row = new TableEntity("B-1", "0000000000000001") { ["EventType"] = "TaskScheduled", ["EventId"] = 3, ["IsPlayed"] = true };

        // 4 + keys (2 per char + 2 each) + per property 8 + 2 per name char + value.
        var expected = 4 + (3 * 2) + 2 + (16 * 2) + 2 + (8 + (9 * 2) + (13 * 2) + 4) + (8 + (7 * 2) + 4) + (8 + (8 * 2) + 1);
        Assert.Equal(expected, StorageCensus.RowBytes(row));
    }

    [Theory]
    [InlineData("node /x/node_modules/.bin/azurite-queue --queuePort 1", "azurite-queue")]
    [InlineData("node /x/node_modules/azurite/dist/src/table/main.js", "azurite-table")]
    [InlineData("node /x/node_modules/.bin/azurite --inMemoryPersistence", "azurite")]
    [InlineData("dotnet ServiceOrders.DevHost.dll", null)]
    public void Azurites_processes_are_told_apart_by_their_command_line(string commandLine, string? expected)
    {
        Assert.Equal(expected, ProcessCpu.AzuriteName(commandLine));
    }

    static BenchResult Result(string name, double actionsPerSecond) => new(
        name, "test", T0, "abc1234", new MachineInfo(2, 8, "Linux", ".NET 10", 0.5),
        new BenchRunSettings(10, null, 16, new Dictionary<string, string>(), null),
        new BenchFigures(10, 10, 0, 0, 10, 1, 260, 140, actionsPerSecond, 26, null, null, 200, 190, 1800, 180,
            new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, int>(), new Dictionary<string, int>()),
        []);
}
