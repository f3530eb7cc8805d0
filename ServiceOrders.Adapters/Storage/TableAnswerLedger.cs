using Azure;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>The first answers, one row per activity (partition: the order), written once: the first writer wins.</summary>
public sealed class TableAnswerLedger(StorageTables tables) : IAnswerLedger
{
    public const string TableName = "ActivityAnswers";

    public async Task<FirstAnswer> KeepFirstAsync(OrderId orderId, string stepId, FirstAnswer answer, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(orderId.Value, stepId) { ["Fingerprint"] = answer.Fingerprint, ["Summary"] = answer.Summary, ["At"] = answer.At },
                cancellationToken);
            return answer;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return await FirstAsync(orderId, stepId, cancellationToken) ?? answer;
        }
    }

    public async Task<FirstAnswer?> FirstAsync(OrderId orderId, string stepId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(orderId.Value, stepId, cancellationToken: cancellationToken);
        return row is { HasValue: true, Value: { } first }
            ? new FirstAnswer(first.GetString("Fingerprint"), first.GetString("Summary"), first.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue)
            : null;
    }
}
