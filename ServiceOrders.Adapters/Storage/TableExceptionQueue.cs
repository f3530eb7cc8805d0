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

        // Opened again for the same exception (an activity's retry): whoever took it on keeps it.
        if (exception.Assignee is null && await FindAsync(table, exception.ActivityId ?? exception.OrderId, cancellationToken) is { } existing
            && existing.Exception.Since == exception.Since && existing.Exception.Assignee is not null)
        {
            exception = exception with { Assignee = existing.Exception.Assignee, AssignedAt = existing.Exception.AssignedAt };
        }

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

    public async Task<OrderException?> AssignAsync(OrderId orderId, string? assignee, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            if (await FindAsync(table, orderId.Value, cancellationToken) is not { } found)
            {
                return null;
            }

            var (exception, etag) = found;
            var assigned = exception with { Assignee = assignee, AssignedAt = assignee is null ? null : at };
            try
            {
                await table.UpdateEntityAsync(
                    new TableEntity(Partition, orderId.Value) { ["Exception"] = JsonSerializer.Serialize(assigned, ServiceOrdersJson.Options) },
                    etag,
                    TableUpdateMode.Replace,
                    cancellationToken);
                return assigned;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412 && attempt < 3)
            {
                // Closed or changed meanwhile: read it again.
            }
        }
    }

    static async Task<(OrderException Exception, ETag ETag)?> FindAsync(TableClient table, string rowKey, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity && JsonSerializer.Deserialize<OrderException>(entity.GetString("Exception"), ServiceOrdersJson.Options) is { } exception
            ? (exception, entity.ETag)
            : null;
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
