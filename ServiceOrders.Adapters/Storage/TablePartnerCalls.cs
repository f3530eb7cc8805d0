using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// Calls to head-ends and crews in Azure Tables. Each call has a row in the partition of the hour it was sent
/// (<c>sent|yyyy-MM-ddTHH</c>), so "the last hour" reads two small partitions however long the product has run, and a
/// row under its step id (<c>step</c>) that tells the answer route which hour partition to complete.
/// </summary>
/// <param name="tables">The storage account's tables.</param>
/// <param name="tableName">The table (one of its own for a test).</param>
public sealed class TablePartnerCalls(StorageTables tables, string tableName = TablePartnerCalls.TableName) : IPartnerCalls
{
    public const string TableName = "PartnerCalls";

    const string StepPartition = "step";

    public async Task SentAsync(PartnerCall call, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var hour = HourPartition(call.SentAt);
        await table.UpsertEntityAsync(new TableEntity(StepPartition, call.StepId) { ["Hour"] = hour }, TableUpdateMode.Replace, cancellationToken);
        var row = new TableEntity(hour, call.StepId)
        {
            ["OrderId"] = call.OrderId.Value,
            ["Channel"] = call.Channel.ToString(),
            ["Partner"] = call.Partner,
            ["SentTicks"] = call.SentAt.UtcTicks,
        };
        if (call.AnsweredAt is { } answeredAt)
        {
            row["AnsweredTicks"] = answeredAt.UtcTicks;
            row["Succeeded"] = call.Succeeded;
        }

        await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task AnsweredAsync(string stepId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var step = await table.GetEntityIfExistsAsync<TableEntity>(StepPartition, stepId, cancellationToken: cancellationToken);
        if (step is not { HasValue: true, Value: { } found } || found.GetString("Hour") is not { } hour)
        {
            return;
        }

        try
        {
            await table.UpdateEntityAsync(
                new TableEntity(hour, stepId) { ["AnsweredTicks"] = at.UtcTicks, ["Succeeded"] = succeeded }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // The sent row is not there: nothing to complete.
        }
    }

    public async IAsyncEnumerable<PartnerCall> SentSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {HourPartition(since)} and PartitionKey lt {"sent|~"} and SentTicks ge {since.UtcTicks}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<PartnerChannel>(row.GetString("Channel"), out var channel) && row.GetInt64("SentTicks") is { } sent)
            {
                yield return new PartnerCall(
                    row.RowKey, new OrderId(row.GetString("OrderId") ?? "-"), channel, row.GetString("Partner") ?? "", At(sent),
                    row.GetInt64("AnsweredTicks") is { } answered ? At(answered) : null, row.GetBoolean("Succeeded"));
            }
        }
    }

    static string HourPartition(DateTimeOffset at) => $"sent|{at.UtcDateTime.ToString("yyyy-MM-ddTHH", CultureInfo.InvariantCulture)}";

    static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
