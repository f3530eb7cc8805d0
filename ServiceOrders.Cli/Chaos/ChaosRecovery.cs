using System.Globalization;
using System.Text;

namespace ServiceOrders.Cli.Chaos;

/// <summary>One SIGKILL of a host: which host, when, and the control queues (partitions) it owned at that moment.</summary>
/// <param name="Number">1 for the run's first kill.</param>
/// <param name="Host">The host's index (0 for the first).</param>
/// <param name="WorkerId">The host's name in the task hub's partition table.</param>
/// <param name="At">The moment of the kill.</param>
/// <param name="Partitions">The control queues whose lease the host held, as the partition table said just before the kill.</param>
internal sealed record ChaosKill(int Number, int Host, string WorkerId, DateTimeOffset At, IReadOnlyList<string> Partitions);

/// <summary>A history row of an order: which orchestration, and when the storage wrote it.</summary>
internal readonly record struct HistoryWrite(string InstanceId, DateTimeOffset At);

/// <summary>How long the orders of a killed host's partitions stood still: per partition it owned, and the longest of them.</summary>
/// <param name="Recovery">From the kill until every partition it owned had moved again; null when none of them had anything to do.</param>
/// <param name="Partitions">Per partition it owned: from the kill to the first history row written for one of its orders; null when none was written.</param>
internal sealed record KillRecovery(ChaosKill Kill, TimeSpan? Recovery, IReadOnlyDictionary<string, TimeSpan?> Partitions);

/// <summary>
/// The recovery figure of a fault-injection run, from what the task hub recorded. Only the owner of a control queue
/// runs the orchestrations of that queue and writes their history; a killed host writes nothing more. So for each kill,
/// the orders of the partitions the killed host owned move again when the first history row of one of them is written
/// after the kill, by the host that took the partition over. The recovery of a kill is the longest of these waits over
/// its partitions: the time until every order that was waiting on the killed host could move again.
/// </summary>
internal static class ChaosRecovery
{
    /// <summary>
    /// Rows written this soon after a kill are requests the killed host had sent before it died (the storage finishes
    /// them); no other host can have taken a partition over this fast (its lease runs for seconds after the kill).
    /// </summary>
    public static readonly TimeSpan InFlightWrites = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The control queue of an orchestration, as the Azure Storage provider places it: FNV-1a (32 bits) of the
    /// instance id's UTF-8 bytes, modulo the partition count; queues are named <c>{taskhub}-control-NN</c>, lower case.
    /// </summary>
    public static string PartitionOf(string instanceId, string taskHub, int partitionCount)
    {
        const uint OffsetBasis = 2166136261;
        const uint Prime = 16777619;
        var hash = OffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return PartitionName(taskHub, (int)(hash % (uint)partitionCount));
    }

    public static string PartitionName(string taskHub, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{taskHub.ToLowerInvariant()}-control-{index:00}");

    /// <summary>Each kill's recovery, from the history rows the run's orders left (any order; rows before a kill are ignored).</summary>
    public static IReadOnlyList<KillRecovery> Of(
        IReadOnlyList<ChaosKill> kills, IEnumerable<HistoryWrite> history, string taskHub, int partitionCount)
    {
        var byPartition = history
            .GroupBy(w => PartitionOf(w.InstanceId, taskHub, partitionCount), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(w => w.At).Order().ToArray(), StringComparer.Ordinal);
        return kills.Select(kill =>
        {
            var partitions = kill.Partitions.ToDictionary(
                p => p,
                p => FirstAfter(byPartition.GetValueOrDefault(p) ?? [], kill.At + InFlightWrites) is { } first ? first - kill.At : (TimeSpan?)null,
                StringComparer.Ordinal);
            var waits = partitions.Values.OfType<TimeSpan>().ToList();
            return new KillRecovery(kill, waits.Count > 0 ? waits.Max() : null, partitions);
        }).ToList();
    }

    /// <summary>
    /// The longest time any partition went without a history row while the CIS was still sending orders (so that
    /// every partition had orders to move): kills, and partitions handed from one host to another, show here.
    /// </summary>
    public static TimeSpan? LongestStall(IEnumerable<HistoryWrite> history, string taskHub, int partitionCount, DateTimeOffset from, DateTimeOffset until)
    {
        TimeSpan? longest = null;
        foreach (var partition in history.GroupBy(w => PartitionOf(w.InstanceId, taskHub, partitionCount), StringComparer.Ordinal))
        {
            var times = partition.Select(w => w.At).Order().ToArray();
            for (var i = 1; i < times.Length; i++)
            {
                if (times[i - 1] >= from && times[i - 1] < until && times[i] - times[i - 1] is var gap && (longest is null || gap > longest))
                {
                    longest = gap;
                }
            }
        }

        return longest;
    }

    static DateTimeOffset? FirstAfter(DateTimeOffset[] sorted, DateTimeOffset after)
    {
        var index = Array.BinarySearch(sorted, after);
        index = index < 0 ? ~index : index + 1;
        while (index < sorted.Length && sorted[index] <= after)
        {
            index++;
        }

        return index < sorted.Length ? sorted[index] : null;
    }
}
