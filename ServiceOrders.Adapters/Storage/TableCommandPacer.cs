using Azure;
using Azure.Data.Tables;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// Command slots per head-end in Azure Tables: one row per head-end holds the next free slot; a row per reservation
/// makes a repeated reservation (an activity run twice) return the slot it got the first time.
/// </summary>
public sealed class TableCommandPacer(StorageTables tables) : ICommandPacer
{
    public const string TableName = "CommandPacing";
    const string NextSlotRow = "next";
    const int MaxConflictRetries = 50;

    public async Task<DateTimeOffset> ReserveAsync(string headEndId, string reservationKey, DateTimeOffset now, TimeSpan spacing, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(headEndId, reservationKey, cancellationToken: cancellationToken);
            if (existing.HasValue && existing.Value!.GetDateTimeOffset("Slot") is { } reserved)
            {
                return reserved;
            }

            var next = await table.GetEntityIfExistsAsync<TableEntity>(headEndId, NextSlotRow, cancellationToken: cancellationToken);
            var free = next.HasValue ? next.Value!.GetDateTimeOffset("Slot") ?? now : now;
            var slot = free > now ? free : now;
            var row = new TableEntity(headEndId, NextSlotRow) { ["Slot"] = slot + spacing };

            try
            {
                // The head-end row and the reservation row share a partition, so they change together or not at all.
                var batch = new List<TableTransactionAction>
                {
                    next.HasValue
                        ? new(TableTransactionActionType.UpdateReplace, row, next.Value!.ETag)
                        : new(TableTransactionActionType.Add, row),
                    new(TableTransactionActionType.Add, new TableEntity(headEndId, reservationKey) { ["Slot"] = slot }),
                };
                await table.SubmitTransactionAsync(batch, cancellationToken);
                return slot;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
                // Another order took the slot first: read again.
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < MaxConflictRetries)
            {
            }
        }
    }
}
