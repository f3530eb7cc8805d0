using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// Bulk actions in Azure Tables: table <paramref name="tableName"/> holds one row per bulk action (partition
/// <c>bulk</c>, the view as JSON and its state as a column); the table of the same name with <c>Results</c> after it
/// one row per selected order (partition: the bulk action's id; row: its position), whose outcome moves only under an
/// ETag. Hosts that share a storage account but not a task hub use tables of their own.
/// </summary>
public sealed class TableBulkActionStore(StorageTables tables, string tableName = TableBulkActionStore.TableName) : IBulkActionStore
{
    public const string TableName = "BulkActions";
    const string Partition = "bulk";

    string ResultsTableName { get; } = tableName + "Results";

    public async Task AddAsync(BulkActionView view, IReadOnlyList<string> orderIds, CancellationToken cancellationToken)
    {
        // The results first: a bulk action that is listed has every one of its orders.
        var results = await tables.GetAsync(ResultsTableName, cancellationToken);
        foreach (var chunk in orderIds.Select((orderId, index) => (orderId, index)).Chunk(100))
        {
            await results.SubmitTransactionAsync(
                chunk.Select(o => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ResultRow(view.Id, o.index, new BulkOrderResult(o.orderId, IBulkActionStore.Pending)))),
                cancellationToken);
        }

        var table = await tables.GetAsync(tableName, cancellationToken);
        await table.AddEntityAsync(Row(view with { Results = null }), cancellationToken);
    }

    public async Task<BulkActionView?> GetAsync(string id, bool withResults, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (!row.HasValue || View(row.Value!) is not { } view)
        {
            return null;
        }

        return await WithProgressAsync(view, withResults, cancellationToken);
    }

    /// <summary>The counts (and results) from the result rows; order ids given by the proposer come back from them too.</summary>
    async Task<BulkActionView> WithProgressAsync(BulkActionView view, bool withResults, CancellationToken cancellationToken)
    {
        var results = await ResultsAsync(view.Id, cancellationToken);
        return view with
        {
            Selection = view.Selection.OrderIds is [] ? view.Selection with { OrderIds = [.. results.Select(r => r.OrderId)] } : view.Selection,
            Applied = results.Count(r => r.Outcome == IBulkActionStore.Applied),
            Refused = results.Count(r => r.Outcome == IBulkActionStore.Refused),
            Results = withResults ? results : null,
        };
    }

    public async Task<IReadOnlyList<BulkActionView>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var views = new List<BulkActionView>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            if (View(row) is { } view)
            {
                // Counts for those that ran; a list leaves out the order ids, as it leaves out the results.
                var listed = view.State is BulkActionState.Running or BulkActionState.Completed
                    ? await WithProgressAsync(view, withResults: false, cancellationToken)
                    : view;
                views.Add(listed with { Selection = view.Selection.OrderIds is [] ? view.Selection with { OrderIds = null } : view.Selection });
            }
        }

        return [.. views.OrderByDescending(v => v.ProposedAt)];
    }

    public async Task<bool> DecideAsync(BulkActionView decided, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, decided.Id, cancellationToken: cancellationToken);
        if (!row.HasValue || View(row.Value!) is not { State: BulkActionState.AwaitingApproval })
        {
            return false;
        }

        try
        {
            await table.UpdateEntityAsync(Row(decided with { Results = null }), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> RunningAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var running = nameof(BulkActionState.Running);
        var ids = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and State eq {running}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }

    public async Task<IReadOnlyList<BulkOrderResult>> ResultsAsync(string id, CancellationToken cancellationToken)
    {
        var results = await tables.GetAsync(ResultsTableName, cancellationToken);
        var list = new List<BulkOrderResult>();
        await foreach (var row in results.QueryAsync<TableEntity>(e => e.PartitionKey == id, cancellationToken: cancellationToken))
        {
            list.Add(new BulkOrderResult(row.GetString("OrderId"), row.GetString("Outcome"), row.GetString("Detail")));
        }

        return list;
    }

    public async Task<bool> ClaimAsync(string id, int index, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var results = await tables.GetAsync(ResultsTableName, cancellationToken);
        var row = await results.GetEntityIfExistsAsync<TableEntity>(id, Index(index), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString("Outcome") != IBulkActionStore.Pending)
        {
            return false;
        }

        try
        {
            await results.UpdateEntityAsync(
                ResultRow(id, index, new BulkOrderResult(row.Value.GetString("OrderId"), IBulkActionStore.Applying, at.ToString("O", CultureInfo.InvariantCulture))), row.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task SetResultAsync(string id, int index, BulkOrderResult result, CancellationToken cancellationToken)
    {
        var results = await tables.GetAsync(ResultsTableName, cancellationToken);
        await results.UpsertEntityAsync(ResultRow(id, index, result), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task CompleteAsync(string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        if (row.HasValue && View(row.Value!) is { State: BulkActionState.Running } view)
        {
            try
            {
                await table.UpdateEntityAsync(Row(view with { State = BulkActionState.Completed }), row.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Another worker completed it meanwhile.
            }
        }
    }

    /// <summary>
    /// The row of a bulk action. Order ids given by the proposer are kept in the result rows only (an empty list marks
    /// them), so that a thousand long ids do not overflow the row's column.
    /// </summary>
    static TableEntity Row(BulkActionView view) => new(Partition, view.Id)
    {
        ["View"] = JsonSerializer.Serialize(
            view with { Results = null, Selection = view.Selection.OrderIds is null ? view.Selection : view.Selection with { OrderIds = [] } },
            ServiceOrdersJson.Options),
        ["State"] = view.State.ToString(),
    };

    static BulkActionView? View(TableEntity row) => JsonSerializer.Deserialize<BulkActionView>(row.GetString("View"), ServiceOrdersJson.Options);

    static TableEntity ResultRow(string id, int index, BulkOrderResult result) => new(id, Index(index))
    {
        ["OrderId"] = result.OrderId,
        ["Outcome"] = result.Outcome,
        ["Detail"] = result.Detail,
    };

    static string Index(int index) => index.ToString("D5", CultureInfo.InvariantCulture);
}
