using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>Open orders per service point in Azure Tables: partition = service point, row = order.</summary>
public sealed class TableServicePointClaims(StorageTables tables) : IServicePointClaims
{
    public const string TableName = "OpenOrders";

    public async Task<IReadOnlyList<OpenOrder>> ClaimAsync(ServicePointId servicePointId, OpenOrder order, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            // Added, not replaced: the row's timestamp is the first claim's, and keeps the order's place.
            await table.AddEntityAsync(
                new TableEntity(servicePointId.Value, order.OrderId.Value)
                {
                    ["RequestType"] = order.RequestType.ToString(),
                    ["ReceivedAt"] = order.ReceivedAt,
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Claimed before (an activity run again, or an order that waits and looks again).
        }

        var open = new List<OpenOrder>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == servicePointId.Value, cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<RequestType>(row.GetString("RequestType"), out var type) && row.GetDateTimeOffset("ReceivedAt") is { } receivedAt)
            {
                open.Add(new OpenOrder(new OrderId(row.RowKey), type, receivedAt, row.Timestamp));
            }
        }

        return open;
    }

    public async Task ReleaseAsync(ServicePointId servicePointId, OrderId orderId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(servicePointId.Value, orderId.Value, cancellationToken: cancellationToken);
    }
}
