using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The order list in Azure Tables, laid out for the questions asked of it most, each answered by one range of one
/// partition read in key order, so a page costs the same with 100 orders or 100,000 (each kind of row in a table of its
/// own, see <see cref="TableOfAsync"/>):
/// <list type="bullet">
/// <item><c>order</c> / order id: the entry itself (an order's page, a search by id prefix, the status it had before);</item>
/// <item><c>received</c> / newest-first key: every order, newest first (the default list);</item>
/// <item><c>status|{status}</c> / newest-first key: the orders in one status (moved when the status changes);</item>
/// <item><c>point|{service point}</c> / newest-first key: the orders at one service point;</item>
/// <item><c>ended|{UTC day}</c> / order id: the orders that ended that day (today's figures without a scan of all).</item>
/// </list>
/// The newest-first key is the receipt time's ticks counted down from the maximum, then the order id: a table reads
/// keys ascending only. Other filters are columns the table service checks within the range; other sorts read the
/// narrowest range (keys and times only), sort it here and read the page's entries by id. Times are kept as ticks
/// (Int64) so keys and cursors built from a stored entry are exact.
/// </summary>
/// With admission control on, the host's order list is <see cref="Admission.TicketReleasingOrderIndex"/>, which adds
/// the giving back of admission tickets to <see cref="UpsertAsync"/>.
/// <param name="tables">The storage account's tables.</param>
/// <param name="tableName">The table (one of its own for a test).</param>
public class TableOrderIndex(StorageTables tables, string tableName = TableOrderIndex.TableName) : IOrderIndex
{
    public const string TableName = "OrderIndex";

    const string OrderPartition = "order";
    const string ReceivedPartition = "received";

    public virtual async Task UpsertAsync(OrderIndexEntry entry, CancellationToken cancellationToken)
    {
        var orders = await TableOfAsync(OrderPartition, cancellationToken);
        var before = await orders.GetEntityIfExistsAsync<TableEntity>(OrderPartition, entry.OrderId, select: ["Status"], cancellationToken: cancellationToken);
        foreach (var row in Rows(entry))
        {
            await (await TableOfAsync(row.PartitionKey, cancellationToken)).UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }

        var key = NewestFirst(entry.ReceivedAt.UtcTicks, entry.OrderId);
        if (before is { HasValue: true, Value: { } old } && old.GetString("Status") is { } oldStatus && oldStatus != entry.Status.ToString())
        {
            await DeleteIfExistsAsync(await TableOfAsync($"status|{oldStatus}", cancellationToken), $"status|{oldStatus}", key, cancellationToken);
        }
    }

    /// <summary>
    /// Writes entries of orders the index does not hold yet (a rebuild, a benchmark's load) in batches of one partition
    /// each: far fewer requests than one upsert per order, and no status of before to move.
    /// </summary>
    public async Task LoadAsync(IReadOnlyList<OrderIndexEntry> entries, CancellationToken cancellationToken)
    {
        var batches = entries.SelectMany(Rows)
            .GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(100))
            .ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await (await TableOfAsync(batch[0].PartitionKey, ct))
                .SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)), ct));
    }

    /// <summary>The rows of one entry: see the layout above.</summary>
    static IEnumerable<TableEntity> Rows(OrderIndexEntry entry)
    {
        var key = NewestFirst(entry.ReceivedAt.UtcTicks, entry.OrderId);
        yield return ToEntity(OrderPartition, entry.OrderId, entry);
        yield return ToEntity(ReceivedPartition, key, entry);
        yield return ToEntity(StatusPartition(entry.Status), key, entry);
        yield return ToEntity(PointPartition(entry.ServicePointId), key, entry);
        if (IsEnded(entry.Status))
        {
            yield return ToEntity(EndedPartition(entry.UpdatedAt), entry.OrderId, entry);
        }
    }

    public async Task<OrderIndexEntry?> GetAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(OrderPartition, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(OrderPartition, orderId.Value, cancellationToken: cancellationToken);
        return row is { HasValue: true, Value: { } found } ? FromEntity(found) : null;
    }

    public async Task<OrderListPage> PageAsync(OrderListQuery query, CancellationToken cancellationToken)
    {
        var orders = await TableOfAsync(OrderPartition, cancellationToken);
        var list = query.IdPrefix is null ? await TableOfAsync(ListPartition(query), cancellationToken) : orders;
        return query.Sort == OrderListSort.ReceivedDescending && query.IdPrefix is null
            ? await InKeyOrderAsync(list, query, cancellationToken)
            : await SortedHereAsync(list, orders, query, cancellationToken);
    }

    /// <summary>Newest first: the range of the narrowest partition, read in key order from where the last page ended.</summary>
    static async Task<OrderListPage> InKeyOrderAsync(TableClient table, OrderListQuery query, CancellationToken cancellationToken)
    {
        var filter = $"{RangeFilter(query)}{ColumnFilters(query)}";
        if (query.After is { } after)
        {
            filter += TableClient.CreateQueryFilter($" and RowKey gt {NewestFirst(after.At.UtcTicks, after.OrderId.Value)}");
        }

        var items = new List<OrderIndexEntry>(query.PageSize + 1);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(query.PageSize + 1, 1000), cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } entry)
            {
                items.Add(entry);
                if (items.Count > query.PageSize)
                {
                    break;
                }
            }
        }

        return Page(items, query.PageSize, e => e.ReceivedAt);
    }

    /// <summary>
    /// Other sorts and searches by id prefix: the candidates' ids and times only, sorted here, then the page's entries by
    /// id. A filter by service point or status keeps the read to that partition.
    /// </summary>
    static async Task<OrderListPage> SortedHereAsync(TableClient table, TableClient orders, OrderListQuery query, CancellationToken cancellationToken)
    {
        var filter = query.IdPrefix is { } prefix
            ? TableClient.CreateQueryFilter($"PartitionKey eq {OrderPartition} and RowKey ge {prefix} and RowKey lt {prefix + "~"}")
                + TableClient.CreateQueryFilter($" and ReceivedTicks ge {query.From.UtcTicks} and ReceivedTicks le {query.To.UtcTicks}")
                + (query.ServicePointId is { } point ? TableClient.CreateQueryFilter($" and ServicePointId eq {point.Value}") : "")
                + (query.Status is { } status ? TableClient.CreateQueryFilter($" and Status eq {status.ToString()}") : "")
            : RangeFilter(query);
        filter += ColumnFilters(query);

        var byUpdate = query.Sort is OrderListSort.UpdatedAscending or OrderListSort.UpdatedDescending;
        var ascending = query.Sort is OrderListSort.ReceivedAscending or OrderListSort.UpdatedAscending;
        var candidates = new List<(long Ticks, string OrderId)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["OrderId", "ReceivedTicks", "UpdatedTicks"], cancellationToken: cancellationToken))
        {
            if (row.GetString("OrderId") is { } id && row.GetInt64(byUpdate ? "UpdatedTicks" : "ReceivedTicks") is { } ticks)
            {
                candidates.Add((ticks, id));
            }
        }

        // Ties in time go by order id, ascending both ways, so a cursor (time, id) names one place in the order.
        IEnumerable<(long Ticks, string OrderId)> sorted = ascending
            ? candidates.OrderBy(c => c.Ticks).ThenBy(c => c.OrderId, StringComparer.Ordinal)
            : candidates.OrderByDescending(c => c.Ticks).ThenBy(c => c.OrderId, StringComparer.Ordinal);
        if (query.After is { } after)
        {
            var at = after.At.UtcTicks;
            sorted = sorted.Where(c => (ascending ? c.Ticks > at : c.Ticks < at) || (c.Ticks == at && string.CompareOrdinal(c.OrderId, after.OrderId.Value) > 0));
        }

        var chosen = sorted.Take(query.PageSize + 1).ToList();
        var entries = await Task.WhenAll(chosen.Select(async c =>
        {
            var row = await orders.GetEntityIfExistsAsync<TableEntity>(OrderPartition, c.OrderId, cancellationToken: cancellationToken);
            return row is { HasValue: true, Value: { } found } ? FromEntity(found) : null;
        }));

        // The cursor is the time the page was sorted by, as read, so the next page starts exactly after it.
        var items = chosen.Zip(entries).Where(p => p.Second is not null).Select(p => p.Second!).ToList();
        var times = chosen.ToDictionary(c => c.OrderId, c => c.Ticks);
        return Page(items, query.PageSize, e => new DateTimeOffset(times[e.OrderId], TimeSpan.Zero));
    }

    static OrderListPage Page(List<OrderIndexEntry> items, int pageSize, Func<OrderIndexEntry, DateTimeOffset> sortTime)
    {
        if (items.Count <= pageSize)
        {
            return new(items, null);
        }

        items.RemoveRange(pageSize, items.Count - pageSize);
        var last = items[^1];
        return new(items, new OrderListCursor(sortTime(last), new OrderId(last.OrderId)));
    }

    /// <summary>The partition and key range of the received window, in the narrowest partition a filter allows.</summary>
    static string RangeFilter(OrderListQuery query)
    {
        var partition = ListPartition(query);
        var newest = NewestFirst(query.To.UtcTicks, "");
        var pastOldest = (MaxTicks - query.From.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {newest} and RowKey lt {pastOldest}");
        if (query.ServicePointId is not null && query.Status is { } alsoStatus)
        {
            filter += TableClient.CreateQueryFilter($" and Status eq {alsoStatus.ToString()}");
        }

        return filter;
    }

    /// <summary>The narrowest partition a list's filters allow: its service point's, its status's, or every order's.</summary>
    static string ListPartition(OrderListQuery query) =>
        query.ServicePointId is { } point ? PointPartition(point.Value)
            : query.Status is { } status ? StatusPartition(status)
            : ReceivedPartition;

    /// <summary>The filters on columns, checked by the table service within the range.</summary>
    static string ColumnFilters(OrderListQuery query)
    {
        var filter = "";
        if (query.RequestType is { } type)
        {
            filter += TableClient.CreateQueryFilter($" and RequestType eq {type.ToString()}");
        }

        if (query.MeterClass is { } meterClass)
        {
            filter += TableClient.CreateQueryFilter($" and MeterClass eq {meterClass.ToString()}");
        }

        if (query.Commodity is { } commodity)
        {
            filter += TableClient.CreateQueryFilter($" and Commodity eq {commodity.ToString()}");
        }

        if (query.RequestingSystem is { } system)
        {
            filter += TableClient.CreateQueryFilter($" and RequestingSystem eq {system}");
        }

        return filter;
    }

    public async IAsyncEnumerable<OrderIndexEntry> InStatusAsync(OrderStatus status, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(StatusPartition(status), cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {StatusPartition(status)}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } entry)
            {
                yield return entry;
            }
        }
    }

    public async IAsyncEnumerable<OrderIndexEntry> EndedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(EndedPartition(since), cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {EndedPartition(since)} and PartitionKey lt {"ended|~"} and UpdatedTicks ge {since.UtcTicks}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } entry)
            {
                yield return entry;
            }
        }
    }

    public async IAsyncEnumerable<OrderIndexEntry> ReceivedSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(ReceivedPartition, cancellationToken);
        var pastOldest = (MaxTicks - since.UtcTicks + 1).ToString("D19", CultureInfo.InvariantCulture);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ReceivedPartition} and RowKey lt {pastOldest}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } entry)
            {
                yield return entry;
            }
        }
    }

    public async Task<int> CountAsync(OrderStatus status, CancellationToken cancellationToken)
    {
        var table = await TableOfAsync(StatusPartition(status), cancellationToken);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {StatusPartition(status)}"), maxPerPage: 1000, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The table a partition lives in: the entries in the index's own table, each kind of list row in a table of its
    /// own (one per status). A query reads one table, and the storage emulator, which checks a filter against every row
    /// of a table, does not read the other kinds' rows too.
    /// </summary>
    Task<TableClient> TableOfAsync(string partition, CancellationToken cancellationToken)
    {
        var kind = partition.Split('|')[0];
        var suffix = kind switch
        {
            OrderPartition => "",
            ReceivedPartition => "Received",
            "status" => "Status" + partition["status|".Length..],
            "point" => "Point",
            _ => "Ended",
        };
        return tables.GetAsync(tableName + suffix, cancellationToken);
    }

    static async Task DeleteIfExistsAsync(TableClient table, string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: a retried write.
        }
    }

    static readonly long MaxTicks = DateTimeOffset.MaxValue.UtcTicks;

    static string NewestFirst(long ticks, string orderId) => $"{(MaxTicks - ticks).ToString("D19", CultureInfo.InvariantCulture)}|{orderId}";

    static string StatusPartition(OrderStatus status) => $"status|{status}";

    static string PointPartition(string servicePointId) => $"point|{servicePointId}";

    static string EndedPartition(DateTimeOffset at) => $"ended|{at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    static bool IsEnded(OrderStatus status) => status is OrderStatus.Completed or OrderStatus.Failed or OrderStatus.Cancelled or OrderStatus.Rejected;

    static TableEntity ToEntity(string partition, string row, OrderIndexEntry entry) => new(partition, row)
    {
        ["OrderId"] = entry.OrderId,
        ["ServicePointId"] = entry.ServicePointId,
        ["RequestType"] = entry.RequestType.ToString(),
        ["Status"] = entry.Status.ToString(),
        ["ReasonCode"] = entry.ReasonCode,
        ["ReceivedTicks"] = entry.ReceivedAt.UtcTicks,
        ["UpdatedTicks"] = entry.UpdatedAt.UtcTicks,
        ["Commodity"] = entry.Commodity?.ToString(),
        ["MeterClass"] = entry.MeterClass?.ToString(),
        ["RequestingSystem"] = entry.RequestingSystem,
        ["WaitingFor"] = entry.WaitingFor,
        ["WaitingUntilTicks"] = entry.WaitingUntil?.UtcTicks,
    };

    static OrderIndexEntry? FromEntity(TableEntity row) =>
        row.GetString("OrderId") is { } orderId
        && Enum.TryParse<RequestType>(row.GetString("RequestType"), out var type)
        && Enum.TryParse<OrderStatus>(row.GetString("Status"), out var status)
        && row.GetInt64("ReceivedTicks") is { } received
        && row.GetInt64("UpdatedTicks") is { } updated
            ? new OrderIndexEntry(orderId, row.GetString("ServicePointId"), type, status, row.GetString("ReasonCode"), At(received), At(updated),
                Enum.TryParse<Commodity>(row.GetString("Commodity"), out var commodity) ? commodity : null,
                Enum.TryParse<MeterClass>(row.GetString("MeterClass"), out var meterClass) ? meterClass : null,
                row.GetString("RequestingSystem"),
                row.GetString("WaitingFor"),
                row.GetInt64("WaitingUntilTicks") is { } until ? At(until) : null)
            : null;

    static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
