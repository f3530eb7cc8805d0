using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The audit trail in Azure Tables: one partition per subject (an order id), one row per entry whose key sorts by
/// time (ticks, then a random suffix so that two entries in the same tick both stay), so a partition reads oldest first.
/// </summary>
public sealed class TableAuditLog(StorageTables tables) : IAuditLog
{
    public const string TableName = "AuditLog";

    public async Task WriteAsync(string subject, AuditEntry entry, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = string.Create(CultureInfo.InvariantCulture, $"{entry.At.UtcTicks:D19}-{Guid.NewGuid():N}");
        await table.AddEntityAsync(
            new TableEntity(Key(subject), row) { ["Entry"] = JsonSerializer.Serialize(entry, ServiceOrdersJson.Options) },
            cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string subject, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var entries = new List<AuditEntry>();
        var partition = Key(subject);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken))
        {
            if (JsonSerializer.Deserialize<AuditEntry>(row.GetString("Entry"), ServiceOrdersJson.Options) is { } entry)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Table keys may not hold '/', '\\', '#', '?' or control characters; subjects are ids, but a stray one must not fail the write.</summary>
    static string Key(string subject) =>
        new([.. subject.Select(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c) ? '_' : c)]);
}
