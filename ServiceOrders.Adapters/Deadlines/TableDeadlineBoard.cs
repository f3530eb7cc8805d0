using System.Globalization;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Deadlines;

/// <summary>A deadline on the board as the sweep reads it: the entry, who claimed it until when, and the row's version.</summary>
public sealed record DueDeadline(DeadlineEntry Entry, DateTimeOffset? ClaimedUntil, ETag ETag);

/// <summary>
/// The deadline board in Azure Tables. Partition = the minute the deadline falls due (<c>yyyyMMddHHmm</c>, UTC), row =
/// the activity id (unique per order and step), so the sweep reads the due minutes as one key range and a minute whose
/// deadlines are all gone leaves nothing behind. A row is claimed by one sweep (optimistic concurrency) before its
/// event is raised, and deleted after.
/// </summary>
public sealed class TableDeadlineBoard(StorageTables tables, string tableName = TableDeadlineBoard.TableName) : IDeadlineBoard
{
    public const string TableName = "OrderDeadlines";

    public async Task SetAsync(DeadlineEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            // Added, not replaced: an activity run again must not undo a claim a sweep holds.
            await table.AddEntityAsync(
                new TableEntity(PartitionFor(entry.DueAt), entry.ActivityId)
                {
                    ["OrderId"] = entry.OrderId.Value,
                    ["DueAt"] = entry.DueAt,
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // On the board already.
        }
    }

    public async Task ClearAsync(OrderId orderId, string activityId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        // A missing row is no error: cleared before, or swept.
        await table.DeleteEntityAsync(PartitionFor(dueAt), activityId, cancellationToken: cancellationToken);
    }

    /// <summary>Up to <paramref name="max"/> deadlines due at <paramref name="now"/>, earliest minute first.</summary>
    public async Task<IReadOnlyList<DueDeadline>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var due = new List<DueDeadline>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {PartitionFor(now)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("DueAt") is not { } dueAt || row.GetString("OrderId") is not { Length: > 0 } orderId)
            {
                // Not written by this board: leave it to a person rather than guess.
                continue;
            }

            if (dueAt > now)
            {
                continue;
            }

            due.Add(new DueDeadline(new DeadlineEntry(new OrderId(orderId), row.RowKey, dueAt), row.GetDateTimeOffset("ClaimedUntil"), row.ETag));
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    /// <summary>
    /// Claims a due deadline for one sweep until <paramref name="until"/>; false when another sweep changed or removed it
    /// since it was read.
    /// </summary>
    public async Task<DueDeadline?> TryClaimAsync(DueDeadline deadline, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var table = await tables.GetAsync(tableName, cancellationToken);
        var entity = new TableEntity(PartitionFor(deadline.Entry.DueAt), deadline.Entry.ActivityId) { ["ClaimedUntil"] = until };
        try
        {
            var response = await table.UpdateEntityAsync(entity, deadline.ETag, TableUpdateMode.Merge, cancellationToken);
            return deadline with { ClaimedUntil = until, ETag = response.Headers.ETag ?? deadline.ETag };
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Removes a deadline the sweep handled, unless it changed since (then another sweep has it).</summary>
    public async Task RemoveAsync(DueDeadline deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var table = await tables.GetAsync(tableName, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(PartitionFor(deadline.Entry.DueAt), deadline.Entry.ActivityId, deadline.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Claimed again by another sweep after this one's claim ran out: that sweep removes it.
        }
    }

    static string PartitionFor(DateTimeOffset dueAt) => dueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
}
