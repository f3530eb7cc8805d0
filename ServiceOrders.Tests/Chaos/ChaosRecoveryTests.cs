using System.Text.Json;
using ServiceOrders.Cli.Chaos;

namespace ServiceOrders.Tests.Chaos;

/// <summary>
/// The recovery figure of <c>./run.sh chaos</c>, worked out from recorded kills and history rows: for each kill, the
/// time until every partition the killed host owned had a history row again.
/// </summary>
public sealed class ChaosRecoveryTests
{
    const string Hub = "ServiceOrders";
    const int Partitions = 4;
    static readonly DateTimeOffset Kill = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    static readonly string P0 = ChaosRecovery.PartitionName(Hub, 0);
    static readonly string P1 = ChaosRecovery.PartitionName(Hub, 1);
    static readonly string P2 = ChaosRecovery.PartitionName(Hub, 2);

    /// <summary>An order id the provider places on <paramref name="partition"/>.</summary>
    static string OrderOn(string partition, int nth = 0) =>
        Enumerable.Range(0, 10_000).Select(i => $"SO-T-{i}").Where(id => ChaosRecovery.PartitionOf(id, Hub, Partitions) == partition).Skip(nth).First();

    static HistoryWrite Row(string partition, double secondsAfterKill, int order = 0) =>
        new(OrderOn(partition, order), Kill + TimeSpan.FromSeconds(secondsAfterKill));

    [Theory]
    // FNV-1a (32 bits) of "a" is 0xe40c292c and of "foobar" 0xbf9cf968: the published test values of the hash.
    [InlineData("a", 16, "serviceorders-control-12")]
    [InlineData("foobar", 16, "serviceorders-control-08")]
    [InlineData("a", 4, "serviceorders-control-00")]
    public void An_order_is_placed_on_the_control_queue_the_provider_places_it_on(string instanceId, int partitionCount, string queue) =>
        Assert.Equal(queue, ChaosRecovery.PartitionOf(instanceId, Hub, partitionCount));

    [Fact]
    public void A_kill_recovers_when_the_last_of_its_partitions_moves_again()
    {
        var kill = new ChaosKill(1, 0, "machine-101", Kill, [P0, P1]);
        IReadOnlyList<HistoryWrite> history =
        [
            Row(P0, -3), Row(P0, 9.2), Row(P0, 11),
            Row(P1, -1), Row(P1, 12.5, order: 1), Row(P1, 14),
            Row(P2, 2), // another host's partition moves on meanwhile: not the killed host's
        ];

        var recovery = Assert.Single(ChaosRecovery.Of([kill], history, Hub, Partitions));

        Assert.Equal(TimeSpan.FromSeconds(12.5), recovery.Recovery);
        Assert.Equal(TimeSpan.FromSeconds(9.2), recovery.Partitions[P0]);
        Assert.Equal(TimeSpan.FromSeconds(12.5), recovery.Partitions[P1]);
    }

    [Fact]
    public void Rows_the_killed_host_had_sent_before_it_died_do_not_count_as_moving_again()
    {
        var kill = new ChaosKill(1, 0, "machine-101", Kill, [P0]);

        var recovery = Assert.Single(ChaosRecovery.Of([kill], [Row(P0, 0.2), Row(P0, 0.9), Row(P0, 10.4)], Hub, Partitions));

        Assert.Equal(TimeSpan.FromSeconds(10.4), recovery.Recovery);
    }

    [Fact]
    public void A_partition_with_nothing_to_do_after_the_kill_has_no_figure_and_does_not_count()
    {
        var kill = new ChaosKill(2, 1, "machine-102", Kill, [P0, P1]);

        var recovery = Assert.Single(ChaosRecovery.Of([kill], [Row(P0, -5), Row(P1, 7)], Hub, Partitions));

        Assert.Null(recovery.Partitions[P0]);
        Assert.Equal(TimeSpan.FromSeconds(7), recovery.Recovery);
    }

    [Fact]
    public void A_kill_of_a_host_that_owned_no_partition_has_no_recovery()
    {
        var kill = new ChaosKill(3, 2, "machine-103", Kill, []);

        var recovery = Assert.Single(ChaosRecovery.Of([kill], [Row(P0, 3)], Hub, Partitions));

        Assert.Null(recovery.Recovery);
        Assert.Empty(recovery.Partitions);
    }

    [Fact]
    public void Each_kill_is_measured_from_its_own_moment()
    {
        var first = new ChaosKill(1, 0, "machine-101", Kill, [P0]);
        var second = new ChaosKill(2, 1, "machine-102", Kill + TimeSpan.FromSeconds(30), [P0]);

        var recoveries = ChaosRecovery.Of([first, second], [Row(P0, 8), Row(P0, 20), Row(P0, 41)], Hub, Partitions);

        Assert.Equal([TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(11)], recoveries.Select(r => r.Recovery));
    }

    [Fact]
    public void The_longest_stall_is_the_longest_gap_of_one_partition_that_starts_within_the_window()
    {
        IReadOnlyList<HistoryWrite> history =
        [
            Row(P0, 0), Row(P0, 1), Row(P0, 12), // an 11 s gap
            Row(P1, 0), Row(P1, 4), Row(P2, 5),  // rows of other partitions do not close P0's gap
            Row(P1, 40), Row(P1, 100),           // a 60 s gap that starts after the window: the tail of the run
        ];

        var stall = ChaosRecovery.LongestStall(history, Hub, Partitions, Kill, Kill + TimeSpan.FromSeconds(39));

        Assert.Equal(TimeSpan.FromSeconds(36), stall);
    }

    [Fact]
    public void The_report_and_its_json_give_each_kill_s_recovery()
    {
        var kill = new ChaosKill(1, 2, "machine-103", Kill, [P0, P1]);
        var recoveries = ChaosRecovery.Of([kill], [Row(P0, 6.04), Row(P1, 9.96)], Hub, Partitions);
        var audit = new ChaosAudit(10, 0, 0, 0, 0, 0, 20, 1, 30, 0, 0, 0, [], []);
        var result = new ChaosResult(audit, 3, 1, 0, 1, TimeSpan.FromSeconds(80), 42, recoveries, TimeSpan.FromSeconds(10.5));

        var text = new StringWriter();
        ChaosReport.Write(text, result, findingsShown: 20);
        using var json = JsonDocument.Parse(ChaosReport.Json(result));

        Assert.Contains("kill 1: 10.0 s; longest 10.0 s", text.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("orders 10, hosts 3, kills 1, restarts 0, lost 0, duplicated effects 0, stuck 0" + Environment.NewLine, text.ToString(), StringComparison.Ordinal);
        var root = json.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(3, root.GetProperty("hosts").GetInt32());
        Assert.Equal(10.0, root.GetProperty("longestRecoverySeconds").GetDouble());
        Assert.Equal(10.5, root.GetProperty("longestStallSeconds").GetDouble());
        var killed = Assert.Single(root.GetProperty("killRecoveries").EnumerateArray().ToList());
        Assert.Equal(3, killed.GetProperty("host").GetInt32());
        Assert.Equal(10.0, killed.GetProperty("recoverySeconds").GetDouble());
        Assert.Equal([P0, P1], killed.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("partition").GetString()));
        Assert.Equal([6.0, 10.0], killed.GetProperty("partitions").EnumerateArray().Select(p => p.GetProperty("movedAfterSeconds").GetDouble()));
    }
}
