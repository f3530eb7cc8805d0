using Azure.Data.Tables;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The order list in Azure Tables. Each order has two rows: one in the partition of the day it was received (searches
/// by date range), one in the partition of its service point (searches by service point). Status is a column, so a
/// status filter runs in the table service.
/// </summary>
public sealed class TableOrderIndex(StorageTables tables) : IOrderIndex
{
    public const string TableName = "OrderIndex";

    public async Task UpsertAsync(OrderIndexEntry entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        foreach (var partition in new[] { DayPartition(entry.ReceivedAt), ServicePointPartition(entry.ServicePointId) })
        {
            await table.UpsertEntityAsync(ToEntity(partition, entry), TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<OrderIndexEntry>> QueryAsync(OrderQuery query, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = query.ServicePointId is { } servicePointId
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ServicePointPartition(servicePointId.Value)} and ReceivedAt ge {query.From} and ReceivedAt le {query.To}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {DayPartition(query.From)} and PartitionKey le {DayPartition(query.To)} and ReceivedAt ge {query.From} and ReceivedAt le {query.To}");
        if (query.Status is { } status)
        {
            filter += TableClient.CreateQueryFilter($" and Status eq {status.ToString()}");
        }

        var found = new List<OrderIndexEntry>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(query.Top, 1000), cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } entry)
            {
                found.Add(entry);
                if (found.Count >= query.Top)
                {
                    break;
                }
            }
        }

        return found.OrderByDescending(e => e.ReceivedAt).ToList();
    }

    public async Task<int> CountAsync(OrderStatus status, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        // The day partitions hold each order once; only the key comes back.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"day-"} and PartitionKey lt {"day."} and Status eq {status.ToString()}");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return count;
    }

    static string DayPartition(DateTimeOffset at) => $"day-{at.UtcDateTime:yyyy-MM-dd}";

    static string ServicePointPartition(string servicePointId) => $"sp-{servicePointId}";

    static TableEntity ToEntity(string partition, OrderIndexEntry entry) => new(partition, entry.OrderId)
    {
        ["ServicePointId"] = entry.ServicePointId,
        ["RequestType"] = entry.RequestType.ToString(),
        ["Status"] = entry.Status.ToString(),
        ["ReasonCode"] = entry.ReasonCode,
        ["ReceivedAt"] = entry.ReceivedAt,
        ["UpdatedAt"] = entry.UpdatedAt,
    };

    static OrderIndexEntry? FromEntity(TableEntity row) =>
        Enum.TryParse<RequestType>(row.GetString("RequestType"), out var type)
        && Enum.TryParse<OrderStatus>(row.GetString("Status"), out var status)
        && row.GetDateTimeOffset("ReceivedAt") is { } receivedAt
        && row.GetDateTimeOffset("UpdatedAt") is { } updatedAt
            ? new OrderIndexEntry(row.RowKey, row.GetString("ServicePointId"), type, status, row.GetString("ReasonCode"), receivedAt, updatedAt)
            : null;
}
