using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceOrders.Cli.Chaos;

/// <summary>The end of a fault-injection run: what was done to the product, what came back, what is wrong; the counts last.</summary>
internal static class ChaosReport
{
    public static void Write(TextWriter writer, ChaosResult result, int findingsShown)
    {
        var audit = result.Audit;
        var ended = audit.Orders - audit.Lost - audit.Stuck;
        writer.WriteLine();
        var hosts = result.Hosts == 1 ? "host" : Line($"{result.Hosts} hosts (one at a time, in turn)");
        writer.WriteLine(Line($"  faults:   {hosts} killed with SIGKILL {result.Kills} times and restarted each time; Azurite restarted {result.StorageRestarts} times; {result.Resent} requests sent twice"));
        writer.WriteLine(Line($"  outcomes: {ended - audit.Unexpected.Count}/{audit.Orders} orders ended as expected, in {result.Elapsed.TotalSeconds:0} s"));
        writer.WriteLine(Line($"  work:     {audit.WorkCarriedOut} head-end commands and field dispatches carried out; {audit.WorkReceivedAgain} received again and done once, by idempotency key"));
        writer.WriteLine(Line($"  replies:  {audit.Replies} CIS replies; {audit.RepliesRepeatedWithSameId} repeats, all under the same id; {audit.DuplicateReplies} under a new id; {audit.UnreadableReplies} unreadable"));
        writer.WriteLine(Line($"  starts:   {audit.DuplicateStarts} orders started more than once"));
        if (result.Recoveries.Count > 0)
        {
            writer.WriteLine(Line($"  recovery: from a kill until the orders of every partition the killed host owned moved again (first history row after it): {RecoveryList(result.Recoveries)}; longest {Seconds(result.LongestRecovery)}"));
        }

        if (result.LongestStall is { } stall)
        {
            writer.WriteLine(Line($"  stalls:   the longest any partition went without a history row while orders were sent and faults injected: {stall.TotalSeconds:0.0} s"));
        }

        if (audit.Findings.Count > 0)
        {
            writer.WriteLine();
            foreach (var finding in audit.Findings.Take(findingsShown))
            {
                writer.WriteLine("  " + finding);
            }

            if (audit.Findings.Count > findingsShown)
            {
                writer.WriteLine(Line($"  … and {audit.Findings.Count - findingsShown} more"));
            }
        }

        writer.WriteLine(result.Counts);
    }

    /// <summary>The run as JSON: the counts, and per kill the host, its partitions and how long each stood still.</summary>
    public static string Json(ChaosResult result)
    {
        var audit = result.Audit;
        var report = new JsonReport(
            result.Passed,
            result.Seed,
            audit.Orders,
            result.Hosts,
            result.Kills,
            result.StorageRestarts,
            audit.Lost,
            audit.DuplicatedEffects,
            audit.Stuck,
            audit.Unexpected.Count,
            Math.Round(result.Elapsed.TotalSeconds, 1),
            SecondsOrNull(result.LongestRecovery),
            SecondsOrNull(result.LongestStall),
            result.Recoveries.Select(r => new JsonKill(
                r.Kill.Number,
                r.Kill.Host + 1,
                r.Kill.At,
                SecondsOrNull(r.Recovery),
                r.Partitions.Select(p => new JsonPartition(p.Key, SecondsOrNull(p.Value))).ToList())).ToList());
        return JsonSerializer.Serialize(report, Options);
    }

    static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <param name="LongestRecoverySeconds">The longest of the kills' recoveries; null when no kill left orders waiting.</param>
    sealed record JsonReport(
        bool Passed, int Seed, int Orders, int Hosts, int Kills, int StorageRestarts, int Lost, int DuplicatedEffects, int Stuck,
        int Unexpected, double ElapsedSeconds, double? LongestRecoverySeconds, double? LongestStallSeconds, IReadOnlyList<JsonKill> KillRecoveries);

    /// <param name="Host">1 for the first host.</param>
    sealed record JsonKill(int Kill, int Host, DateTimeOffset At, double? RecoverySeconds, IReadOnlyList<JsonPartition> Partitions);

    /// <param name="MovedAfterSeconds">From the kill to the first history row of one of the partition's orders; null when none.</param>
    sealed record JsonPartition(string Partition, double? MovedAfterSeconds);

    static string RecoveryList(IReadOnlyList<KillRecovery> recoveries) =>
        string.Join(", ", recoveries.Select(r => r.Kill.Partitions.Count == 0
            ? Line($"kill {r.Kill.Number}: owned no partition")
            : Line($"kill {r.Kill.Number}: {Seconds(r.Recovery)}")));

    static string Seconds(TimeSpan? time) => time is { } t ? Line($"{t.TotalSeconds:0.0} s") : "nothing waited";

    static double? SecondsOrNull(TimeSpan? time) => time is { } t ? Math.Round(t.TotalSeconds, 1) : null;

    static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
