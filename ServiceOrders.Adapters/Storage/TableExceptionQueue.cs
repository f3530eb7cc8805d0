using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>The exception queue in Azure Tables: one row per order that waits for a person.</summary>
public sealed class TableExceptionQueue(StorageTables tables) : IExceptionQueue
{
    public const string TableName = "OrderExceptions";
    const string Partition = "open";

    public async Task OpenAsync(OrderException exception, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(Partition, exception.ActivityId ?? exception.OrderId) { ["Exception"] = JsonSerializer.Serialize(exception, ServiceOrdersJson.Options) },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task CloseAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(Partition, orderId.Value, cancellationToken: cancellationToken);
    }

    public async Task<bool> DismissAnswerConflictAsync(string stepId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            return !(await table.DeleteEntityAsync(Partition, stepId, ETag.All, cancellationToken)).IsError;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<OrderException>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var open = new List<OrderException>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (JsonSerializer.Deserialize<OrderException>(row.GetString("Exception"), ServiceOrdersJson.Options) is { } exception)
            {
                open.Add(exception);
            }
        }

        return open.OrderBy(e => e.Since).ToList();
    }
}
