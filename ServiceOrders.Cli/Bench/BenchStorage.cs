using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using ServiceOrders.Cli.Orders;

namespace ServiceOrders.Cli.Bench;

/// <summary>The rows and approximate bytes of one table, or the messages and approximate bytes of one queue.</summary>
internal sealed record StorageCount(long Items, long Bytes);

/// <summary>
/// What the storage account holds: per table its rows and their size, per queue its approximate message count and
/// size. A row's size follows Azure Table Storage's formula (4 bytes, the keys in UTF-16 with 2 bytes each, and per
/// property 8 bytes, its name in UTF-16 and its value: strings in UTF-16 + 4, binary + 4, numbers and dates 8, GUIDs
/// 16, booleans 1). A queue's size is its approximate count times the mean size of the messages peeked (up to 32);
/// messages not yet visible (the engine's timers) cannot be peeked, so a queue that holds only those shows 0 bytes.
/// </summary>
internal sealed record StorageCensus(IReadOnlyDictionary<string, StorageCount> Tables, IReadOnlyDictionary<string, StorageCount> Queues)
{
    public static async Task<StorageCensus> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        var tableService = new TableServiceClient(connectionString);
        var tables = new SortedDictionary<string, StorageCount>(StringComparer.Ordinal);
        await foreach (var item in tableService.QueryAsync(cancellationToken: cancellationToken))
        {
            long rows = 0, bytes = 0;
            await foreach (var row in tableService.GetTableClient(item.Name).QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                rows++;
                bytes += RowBytes(row);
            }

            tables[item.Name] = new(rows, bytes);
        }

        var queueService = new QueueServiceClient(connectionString);
        var queues = new SortedDictionary<string, StorageCount>(StringComparer.Ordinal);
        await foreach (var item in queueService.GetQueuesAsync(cancellationToken: cancellationToken))
        {
            var queue = queueService.GetQueueClient(item.Name);
            try
            {
                var count = (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
                var peeked = count > 0 ? (await queue.PeekMessagesAsync(32, cancellationToken)).Value : [];
                var mean = peeked.Length > 0 ? peeked.Average(m => (double)m.Body.ToMemory().Length) : 0;
                queues[item.Name] = new(count, (long)Math.Round(count * mean));
            }
            catch (RequestFailedException)
            {
            }
        }

        return new StorageCensus(tables, queues);
    }

    /// <summary>What each table and queue gained from <paramref name="before"/> to this, per order.</summary>
    public StorageGrowth PerOrderSince(StorageCensus before, int orders)
    {
        static IReadOnlyDictionary<string, StorageCount> Delta(IReadOnlyDictionary<string, StorageCount> now, IReadOnlyDictionary<string, StorageCount> then) =>
            new SortedDictionary<string, StorageCount>(
                now.Select(kv => (kv.Key, Count: new StorageCount(kv.Value.Items - then.GetValueOrDefault(kv.Key)?.Items ?? 0, kv.Value.Bytes - then.GetValueOrDefault(kv.Key)?.Bytes ?? 0)))
                    .Where(x => x.Count.Items != 0 || x.Count.Bytes != 0)
                    .ToDictionary(x => x.Key, x => x.Count, StringComparer.Ordinal),
                StringComparer.Ordinal);
        var tables = Delta(Tables, before.Tables);
        var queues = Delta(Queues, before.Queues);
        var n = Math.Max(orders, 1);
        return new StorageGrowth(
            orders,
            Math.Round(tables.Values.Sum(c => c.Items) / (double)n, 2),
            Math.Round(tables.Values.Sum(c => c.Bytes) / (double)n, 0),
            Math.Round(queues.Values.Sum(c => c.Items) / (double)n, 2),
            Math.Round(queues.Values.Sum(c => c.Bytes) / (double)n, 0),
            tables, queues);
    }

    public static long RowBytes(TableEntity row)
    {
        long size = 4 + (row.PartitionKey.Length * 2) + 2 + (row.RowKey.Length * 2) + 2;
        foreach (var (name, value) in row)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")
            {
                continue;
            }

            size += 8 + (name.Length * 2) + value switch
            {
                string s => (s.Length * 2) + 4,
                byte[] b => b.Length + 4,
                BinaryData d => d.ToMemory().Length + 4,
                bool => 1,
                Guid => 16,
                int => 4,
                _ => 8,
            };
        }

        return size;
    }
}

/// <summary>The storage a run's orders added, per order: table rows and bytes, queue messages and bytes; and per table and queue in all.</summary>
internal sealed record StorageGrowth(
    int Orders,
    double TableRowsPerOrder,
    double TableBytesPerOrder,
    double QueueMessagesPerOrder,
    double QueueBytesPerOrder,
    IReadOnlyDictionary<string, StorageCount> Tables,
    IReadOnlyDictionary<string, StorageCount> Queues);

/// <summary>Per instance of a run, from the task hub's History table: durable actions, and how many times it was started.</summary>
internal sealed record InstanceHistory(IReadOnlyDictionary<string, long> ActionsByInstance, IReadOnlyDictionary<string, int> StartsByInstance)
{
    public int StartedMoreThanOnce => StartsByInstance.Count(s => s.Value > 1);

    public static async Task<InstanceHistory> ReadAsync(string connectionString, string taskHub, string idPrefix, CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(connectionString).GetTableClient(taskHub + "History");
        var actions = new Dictionary<string, long>(StringComparer.Ordinal);
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {idPrefix} and PartitionKey lt {idPrefix + "~"}");
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "EventType"], cancellationToken: cancellationToken))
            {
                if (row.GetString("EventType") is not { Length: > 0 } type || type is TaskHubTables.EpisodeStarted or TaskHubTables.EpisodeCompleted)
                {
                    continue;
                }

                actions[row.PartitionKey] = actions.GetValueOrDefault(row.PartitionKey) + 1;
                if (type == "ExecutionStarted")
                {
                    starts[row.PartitionKey] = starts.GetValueOrDefault(row.PartitionKey) + 1;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return new InstanceHistory(actions, starts);
    }
}

/// <summary>CPU seconds of the processes of a run (hosts, Azurite's services), read from /proc.</summary>
internal static class ProcessCpu
{
    /// <summary>
    /// CPU seconds so far of each host (<c>host-1</c>, <c>host-2</c>, …) and of each Azurite process under the runner
    /// <paramref name="azuritePid"/> (named <c>azurite-blob</c>, <c>azurite-queue</c>, <c>azurite-table</c> from their command line).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Snapshot(IReadOnlyList<int> hostPids, int? azuritePid)
    {
        var cpu = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < hostPids.Count; i++)
        {
            if (ProcStatus.CpuSeconds(hostPids[i]) is { } s)
            {
                cpu[$"host-{i + 1}"] = s;
            }
        }

        if (azuritePid is { } runner)
        {
            foreach (var pid in Descendants(runner))
            {
                var name = AzuriteName(CommandLine(pid));
                if (name is not null && ProcStatus.CpuSeconds(pid) is { } s)
                {
                    cpu[name] = cpu.GetValueOrDefault(name) + s;
                }
            }
        }

        return cpu;
    }

    /// <summary>Per process, the CPU seconds from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IReadOnlyDictionary<string, double> Since(IReadOnlyDictionary<string, double> before, IReadOnlyDictionary<string, double> after) =>
        new SortedDictionary<string, double>(
            after.ToDictionary(kv => kv.Key, kv => Math.Round(kv.Value - before.GetValueOrDefault(kv.Key), 2), StringComparer.Ordinal),
            StringComparer.Ordinal);

    /// <summary>The Azurite service a command line runs: <c>azurite-blob</c>, <c>azurite-queue</c>, <c>azurite-table</c>, <c>azurite</c> (all in one), or null.</summary>
    public static string? AzuriteName(string commandLine)
    {
        if (!commandLine.Contains("azurite", StringComparison.OrdinalIgnoreCase) || !commandLine.Contains("node", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var service in new[] { "blob", "queue", "table" })
        {
            if (commandLine.Contains("azurite-" + service, StringComparison.OrdinalIgnoreCase) || commandLine.Contains($"src/{service}/", StringComparison.OrdinalIgnoreCase))
            {
                return "azurite-" + service;
            }
        }

        return "azurite";
    }

    static string CommandLine(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    static List<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[pid] = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
            }
        }

        var found = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.Count > 0)
        {
            var parent = frontier.Dequeue();
            foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
            {
                found.Add(child);
                frontier.Enqueue(child);
            }
        }

        return found;
    }
}
