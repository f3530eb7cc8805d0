using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The registry in Azure Tables: one row per service point, its state as JSON, and the ids of the last activity reports
/// applied to it. Updates use the row's ETag, so concurrent writers never lose each other's changes.
/// </summary>
public sealed class TableServicePointRegistry(TableServiceClient service) : IServicePointRegistry
{
    public const string TableName = "ServicePoints";
    const string RowKey = "current";
    const int AppliedKept = 50;
    const int MaxConflictRetries = 20;

    readonly Lazy<Task<TableClient>> table = new(async () =>
    {
        var client = service.GetTableClient(TableName);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    public async Task<ServicePoint?> GetAsync(ServicePointId servicePointId, CancellationToken cancellationToken)
    {
        var row = await GetRowAsync(servicePointId, cancellationToken);
        return row is null ? null : StateOf(row);
    }

    public async Task UpsertAsync(ServicePoint servicePoint, CancellationToken cancellationToken)
    {
        var client = await table.Value;
        var entity = new TableEntity(servicePoint.ServicePointId, RowKey)
        {
            ["State"] = JsonSerializer.Serialize(servicePoint, ServiceOrdersJson.Options),
        };

        // Merge keeps the list of applied reports, so a reloaded service point still ignores repeated reports.
        await client.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<ServicePoint> ApplyAsync(ServicePointId servicePointId, ActivityReport report, CancellationToken cancellationToken)
    {
        var client = await table.Value;
        for (var attempt = 0; ; attempt++)
        {
            var row = await GetRowAsync(servicePointId, cancellationToken)
                ?? throw new InvalidOperationException($"Service point {servicePointId} is no longer registered.");
            var state = StateOf(row);
            var applied = AppliedOf(row);
            if (applied.Contains(report.ActivityId))
            {
                return state;
            }

            var next = state.Apply(report);
            applied.Add(report.ActivityId);
            row["State"] = JsonSerializer.Serialize(next, ServiceOrdersJson.Options);
            row["Applied"] = JsonSerializer.Serialize(applied.TakeLast(AppliedKept), ServiceOrdersJson.Options);

            try
            {
                await client.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < MaxConflictRetries)
            {
                // Another writer changed the row since it was read: read it again and re-apply.
            }
        }
    }

    async Task<TableEntity?> GetRowAsync(ServicePointId servicePointId, CancellationToken cancellationToken)
    {
        var client = await table.Value;
        var response = await client.GetEntityIfExistsAsync<TableEntity>(servicePointId.Value, RowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    static ServicePoint StateOf(TableEntity row) =>
        JsonSerializer.Deserialize<ServicePoint>(row.GetString("State"), ServiceOrdersJson.Options)
        ?? throw new InvalidOperationException($"Service point {row.PartitionKey} has no state.");

    static List<string> AppliedOf(TableEntity row) =>
        row.GetString("Applied") is { } json ? JsonSerializer.Deserialize<List<string>>(json, ServiceOrdersJson.Options) ?? [] : [];
}
