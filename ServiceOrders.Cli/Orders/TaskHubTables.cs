using Azure;
using Azure.Data.Tables;

namespace ServiceOrders.Cli.Orders;

/// <summary>The instances of a run by status, with the first creation and last update among them.</summary>
internal sealed record InstanceSummary(IReadOnlyDictionary<string, int> ByStatus, int Count, DateTimeOffset? FirstCreated, DateTimeOffset? LastUpdated)
{
    public int InStatus(string status) => ByStatus.GetValueOrDefault(status);
}

/// <summary>
/// Reads the task hub's tables (<c>{hub}Instances</c>, <c>{hub}History</c>, <c>{hub}Partitions</c>) the way the Durable Task Framework's Azure
/// Storage provider writes them: one partition per instance id, one history row per event with its <c>EventType</c>.
/// </summary>
internal sealed class TaskHubTables(TableServiceClient tables, string taskHub)
{
    public const string EpisodeStarted = "OrchestratorStarted";
    public const string EpisodeCompleted = "OrchestratorCompleted";

    public async Task<InstanceSummary> InstancesAsync(string idPrefix, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(taskHub + "Instances");
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        DateTimeOffset? first = null, last = null;
        var count = 0;
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(PrefixFilter(idPrefix), select: ["RuntimeStatus", "CreatedTime", "LastUpdatedTime"], cancellationToken: cancellationToken))
            {
                count++;
                var status = row.GetString("RuntimeStatus") ?? "Unknown";
                byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
                if (row.GetDateTimeOffset("CreatedTime") is { } created && (first is null || created < first))
                {
                    first = created;
                }

                if (row.GetDateTimeOffset("LastUpdatedTime") is { } updated && (last is null || updated > last))
                {
                    last = updated;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return new InstanceSummary(byStatus, count, first, last);
    }

    /// <summary>History rows of the run's instances by event type.</summary>
    public async Task<IReadOnlyDictionary<string, long>> HistoryEventsAsync(string idPrefix, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(taskHub + "History");
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(PrefixFilter(idPrefix), select: ["EventType"], cancellationToken: cancellationToken))
            {
                // Rows without an event type are the provider's bookkeeping (the per-instance sentinel), not events.
                if (row.GetString("EventType") is { Length: > 0 } type)
                {
                    counts[type] = counts.GetValueOrDefault(type) + 1;
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return counts;
    }

    /// <summary>How many times each of the run's instances was started: its ExecutionStarted events (more than one: started twice).</summary>
    public async Task<IReadOnlyDictionary<string, int>> StartsAsync(string idPrefix, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(taskHub + "History");
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        var filter = $"({PrefixFilter(idPrefix)}) and EventType eq 'ExecutionStarted'";
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
            {
                starts[row.PartitionKey] = starts.GetValueOrDefault(row.PartitionKey) + 1;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return starts;
    }

    /// <summary>When the storage wrote each history row of the run's instances (the sentinel rows too: they are written with the events).</summary>
    public async Task<IReadOnlyList<(string InstanceId, DateTimeOffset At)>> HistoryWritesAsync(string idPrefix, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(taskHub + "History");
        var writes = new List<(string, DateTimeOffset)>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(PrefixFilter(idPrefix), select: ["PartitionKey", "Timestamp"], cancellationToken: cancellationToken))
            {
                if (row.Timestamp is { } at)
                {
                    writes.Add((row.PartitionKey, at));
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        return writes;
    }

    /// <summary>The control queues (<c>{hub}Partitions</c> rows, by queue name) whose lease <paramref name="workerId"/> holds now.</summary>
    public async Task<IReadOnlyList<string>> PartitionsOwnedByAsync(string workerId, CancellationToken cancellationToken)
    {
        var table = tables.GetTableClient(taskHub + "Partitions");
        var owned = new List<string>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey", "CurrentOwner"], cancellationToken: cancellationToken))
            {
                if (string.Equals(row.GetString("CurrentOwner"), workerId, StringComparison.Ordinal))
                {
                    owned.Add(row.RowKey);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }

        owned.Sort(StringComparer.Ordinal);
        return owned;
    }

    public static long DurableActions(IReadOnlyDictionary<string, long> events) =>
        events.Where(e => e.Key is not EpisodeStarted and not EpisodeCompleted).Sum(e => e.Value);

    static string PrefixFilter(string prefix) => TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix + "~"}");
}
