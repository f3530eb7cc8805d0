using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Adapters.Admission;

/// <summary>A request taken in and not yet started, as the pending store keeps it.</summary>
/// <param name="Key">Where it is kept: its priority's partition and its row (receipt time, then request id).</param>
/// <param name="Request">The validated request.</param>
/// <param name="Body">The message body as received: read again at the start, and kept whole on the poison queue if set aside.</param>
/// <param name="ReceivedAt">When the intake took it in: the order's <c>ReceivedAt</c>.</param>
/// <param name="TraceParent">The trace context of its intake, so that the order joins the same trace.</param>
/// <param name="TraceState">The trace state that goes with it.</param>
/// <param name="MessageId">The transport's message id it came in (for logs).</param>
/// <param name="Attempts">Starts tried so far that failed.</param>
public sealed record PendingOrder(
    PendingKey Key,
    ServiceOrderRequest Request,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt,
    string? TraceParent,
    string? TraceState,
    string? MessageId,
    int Attempts = 0)
{
    public AdmissionPriority Priority => Key.Priority;
}

/// <summary>A pending row's keys. Rows sort by priority, then by receipt time, then by request id.</summary>
public sealed record PendingKey(string PartitionKey, string RowKey)
{
    public AdmissionPriority Priority =>
        PartitionKey.StartsWith(AdmissionStore.PendingPrefix, StringComparison.Ordinal)
        && int.TryParse(PartitionKey.AsSpan(AdmissionStore.PendingPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
        && Enum.IsDefined((AdmissionPriority)p)
            ? (AdmissionPriority)p
            : AdmissionPriority.Routine;

    public static PendingKey For(AdmissionPriority priority, DateTimeOffset receivedAt, string requestId) =>
        new($"{AdmissionStore.PendingPrefix}{(int)priority}", $"{receivedAt.UtcTicks:D19}|{requestId}");
}

/// <summary>A pending row read back: the order, or why it could not be read (then <see cref="Order"/> is null).</summary>
public sealed record PendingRead(PendingKey Key, PendingOrder? Order, string? Problem, byte[] Raw, string? MessageId);

/// <summary>Waiting orders of one priority: how many, and since when the oldest waits.</summary>
public sealed record WaitingCount(AdmissionPriority Priority, int Count, DateTimeOffset? OldestReceivedAt);

/// <summary>
/// The admission table (Azure Tables), one table for three kinds of rows:
/// <list type="bullet">
/// <item><c>pending|{priority}</c> / <c>{receipt ticks}|{request id}</c>: requests waiting to be started, read one
/// priority after the other, highest first, each oldest first (keys read in order within a partition);</item>
/// <item><c>ticket</c> / order id: an admission ticket per order in progress, written before its start, deleted when the
/// order ends or goes into a long wait; counted by one query of keys newer than the ticket lifetime;</item>
/// <item><c>lease</c> / <c>pump</c>: which host's pump starts orders, until when.</item>
/// </list>
/// </summary>
public sealed class AdmissionStore(StorageTables tables, IOptions<AdmissionOptions> options)
{
    public const string PendingPrefix = "pending|";
    const string PendingEnd = "pending}"; // '}' sorts right after '|'
    const string TicketPartition = "ticket";
    const string LeasePartition = "lease";
    const string LeaseRow = "pump";

    /// <summary>A table property holds 64 KiB; a request's JSON is cut into parts of this many bytes.</summary>
    const int PartBytes = 60 * 1024;
    const int MaxParts = 4;
    const int MaxBatch = 100;

    Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(options.Value.TableName, cancellationToken);

    // ---- pending orders ----

    /// <summary>Keeps a request until it is started. Writing the same row again (the same receipt tick) changes nothing.</summary>
    public async Task AddAsync(PendingOrder order, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = new TableEntity(order.Key.PartitionKey, order.Key.RowKey)
        {
            ["RequestId"] = order.Request.RequestId,
            ["RequestType"] = order.Request.RequestType.ToString(),
            ["ReceivedAt"] = order.ReceivedAt,
            ["TraceParent"] = order.TraceParent,
            ["TraceState"] = order.TraceState,
            ["MessageId"] = order.MessageId,
            ["Attempts"] = order.Attempts,
        };
        var body = order.Body.ToArray();
        var parts = body.Chunk(PartBytes).ToList();
        if (parts.Count > MaxParts)
        {
            throw new ArgumentException($"Request {order.Request.RequestId} is too large to keep ({body.Length} bytes).", nameof(order));
        }

        for (var i = 0; i < parts.Count; i++)
        {
            row[PartName(i)] = parts[i];
        }

        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Written before: a retried write.
        }
    }

    /// <summary>
    /// The first <paramref name="max"/> pending rows, highest priority first, oldest first within a priority: one query
    /// per priority, in priority order, until the batch is full. (Rows come in key order within a partition; across
    /// partitions neither the emulator nor every table service keeps the order, so each priority is read on its own.)
    /// </summary>
    public async Task<IReadOnlyList<PendingRead>> NextAsync(int max, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var rows = new List<PendingRead>(max);
        foreach (var priority in AdmissionPriorities.All)
        {
            var partition = $"{PendingPrefix}{(int)priority}";
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: max - rows.Count, cancellationToken: cancellationToken))
            {
                rows.Add(Read(row));
                if (rows.Count >= max)
                {
                    return rows;
                }
            }
        }

        return rows;
    }

    static PendingRead Read(TableEntity row)
    {
        var key = new PendingKey(row.PartitionKey, row.RowKey);
        var raw = new List<byte>();
        for (var i = 0; i < MaxParts && row.TryGetValue(PartName(i), out var part); i++)
        {
            if (part is byte[] bytes)
            {
                raw.AddRange(bytes);
            }
            else if (part is BinaryData data)
            {
                raw.AddRange(data.ToArray());
            }
        }

        var messageId = row.GetString("MessageId");
        var body = raw.ToArray();
        if (row.GetDateTimeOffset("ReceivedAt") is not { } receivedAt)
        {
            return new(key, null, "The row has no receipt time.", body, messageId);
        }

        if (PendingKey.For(key.Priority, receivedAt, "").PartitionKey != row.PartitionKey)
        {
            return new(key, null, $"The row's partition {row.PartitionKey} is no priority.", body, messageId);
        }

        // Read as the intake read it, at the time it was received: the same request, or why not.
        var reading = ServiceOrderRequestReader.Read(body, receivedAt);
        if (!reading.IsValid)
        {
            return new(key, null, $"The request cannot be read ({reading.Reason}: {string.Join(" ", reading.Errors.Select(e => e.Message))})", body, messageId);
        }

        var order = new PendingOrder(
            key, reading.Request!, body, receivedAt, row.GetString("TraceParent"), row.GetString("TraceState"), messageId, row.GetInt32("Attempts") ?? 0);
        return new(key, order, null, body, messageId);
    }

    static string PartName(int i) => i == 0 ? "Request" : $"Request{i}";

    /// <summary>Removes started (or set-aside) rows: one transaction per priority and 100 rows; rows already gone are fine.</summary>
    public async Task DeleteAsync(IEnumerable<PendingKey> keys, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        foreach (var batch in keys.GroupBy(k => k.PartitionKey, StringComparer.Ordinal).SelectMany(p => p.Chunk(MaxBatch)))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(k.PartitionKey, k.RowKey), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // One was deleted already (a host that stopped half-way): one by one.
                foreach (var key in batch)
                {
                    await DeleteIfExistsAsync(table, key.PartitionKey, key.RowKey, cancellationToken);
                }
            }
        }
    }

    /// <summary>A start of this row failed: counts the attempt on the row.</summary>
    public async Task RecordFailedAttemptAsync(PendingKey key, int attempts, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.UpdateEntityAsync(new TableEntity(key.PartitionKey, key.RowKey) { ["Attempts"] = attempts }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    /// <summary>The orders waiting, by priority (every priority, zero included): a scan of the pending keys.</summary>
    public async Task<IReadOnlyList<WaitingCount>> WaitingAsync(CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {PendingPrefix} and PartitionKey lt {PendingEnd}");
        var counts = AdmissionPriorities.All.ToDictionary(p => p, _ => 0);
        var oldest = new Dictionary<AdmissionPriority, DateTimeOffset>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var key = new PendingKey(row.PartitionKey, row.RowKey);
            var priority = key.Priority;
            counts[priority]++;
            if (ReceivedAtOf(key) is { } at && (!oldest.TryGetValue(priority, out var before) || at < before))
            {
                oldest[priority] = at;
            }
        }

        return [.. AdmissionPriorities.All.Select(p => new WaitingCount(p, counts[p], oldest.TryGetValue(p, out var at) ? at : null))];
    }

    /// <summary>The receipt time a pending row key starts with.</summary>
    public static DateTimeOffset? ReceivedAtOf(PendingKey key) =>
        key.RowKey.Length > 19 && long.TryParse(key.RowKey.AsSpan(0, 19), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
        && ticks >= DateTimeOffset.MinValue.UtcTicks && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    // ---- tickets ----

    /// <summary>Takes a ticket for each order (before it is started): one transaction per 100 orders.</summary>
    public async Task TakeTicketsAsync(IEnumerable<string> orderIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        foreach (var batch in orderIds.Distinct(StringComparer.Ordinal).Chunk(MaxBatch))
        {
            await table.SubmitTransactionAsync(
                batch.Select(id => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(TicketPartition, id) { ["At"] = now })),
                cancellationToken);
        }
    }

    /// <summary>Gives back an order's ticket; one it does not hold (released before, or never taken) is fine.</summary>
    public async Task ReleaseTicketAsync(string orderId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await DeleteIfExistsAsync(table, TicketPartition, orderId, cancellationToken);
    }

    /// <summary>Orders in progress: tickets taken within the ticket lifetime. One query, keys only.</summary>
    public async Task<int> CountTicketsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var cutoff = now - options.Value.TicketLifetime;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TicketPartition} and At ge {cutoff}");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>Deletes tickets older than the ticket lifetime; returns their order ids.</summary>
    public async Task<IReadOnlyList<string>> DeleteExpiredTicketsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var cutoff = now - options.Value.TicketLifetime;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TicketPartition} and At lt {cutoff}");
        var expired = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            expired.Add(row.RowKey);
        }

        foreach (var batch in expired.Chunk(MaxBatch))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    batch.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(TicketPartition, id), ETag.All)),
                    cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                foreach (var id in batch)
                {
                    await DeleteIfExistsAsync(table, TicketPartition, id, cancellationToken);
                }
            }
        }

        return expired;
    }

    // ---- the pump's lease ----

    /// <summary>
    /// Takes or renews the pump's lease for <paramref name="holder"/> until <paramref name="now"/> plus the lease
    /// duration; false when another holder's lease runs. Conditional on the row's ETag, so two hosts never both win.
    /// </summary>
    public async Task<bool> TryHoldLeaseAsync(string holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var until = now + options.Value.LeaseDuration;
        var current = await table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, LeaseRow, cancellationToken: cancellationToken);
        var row = new TableEntity(LeasePartition, LeaseRow) { ["Holder"] = holder, ["Until"] = until };
        try
        {
            if (current is not { HasValue: true, Value: { } lease })
            {
                await table.AddEntityAsync(row, cancellationToken);
                return true;
            }

            if (lease.GetString("Holder") != holder && lease.GetDateTimeOffset("Until") is { } held && held > now)
            {
                return false;
            }

            await table.UpdateEntityAsync(row, lease.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false; // another host took it between the read and the write
        }
    }

    static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }
}
