using Microsoft.Extensions.Logging;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Admission;

/// <summary>
/// The order list with admission tickets given back: every write of an order's entry goes through
/// <see cref="IOrderIndex.UpsertAsync"/>, and an entry that shows the order ended, or gone into a wait where it no longer
/// loads the engine (<see cref="NoLongerLoadsEngine"/>), deletes the order's ticket and wakes this host's admission
/// pump. The workflow's activities are unchanged: they write the order list as before. It extends the table order list
/// rather than wrapping any <see cref="IOrderIndex"/>, so that what needs the table itself (a bulk load of entries) still
/// finds it. Giving a ticket back is best effort: should it fail, the ticket expires
/// (<see cref="AdmissionOptions.TicketLifetime"/>), and the order list's write stands.
/// </summary>
public sealed partial class TicketReleasingOrderIndex(
    StorageTables tables,
    AdmissionStore store,
    AdmissionSignal signal,
    ILogger<TicketReleasingOrderIndex> logger,
    string tableName = TableOrderIndex.TableName) : TableOrderIndex(tables, tableName)
{
    /// <summary>
    /// Ended, in exception (a person's turn), or open and waiting for a crew, a deferral rule or a later service date:
    /// waits of hours or days where the order holds no engine work. A wait for a head-end's answer (seconds to minutes)
    /// keeps the ticket.
    /// </summary>
    public static bool NoLongerLoadsEngine(OrderIndexEntry entry) =>
        entry.Status != OrderStatus.Open
        || entry.WaitingFor is WaitRecorder.Crew or WaitRecorder.ServiceDate
        || (entry.WaitingFor?.StartsWith(WaitRecorder.Deferral(""), StringComparison.Ordinal) ?? false);

    public override async Task UpsertAsync(OrderIndexEntry entry, CancellationToken cancellationToken)
    {
        await base.UpsertAsync(entry, cancellationToken);
        if (NoLongerLoadsEngine(entry))
        {
            try
            {
                await store.ReleaseTicketAsync(entry.OrderId, cancellationToken);
                signal.Wake();
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                LogReleaseFailed(logger, entry.OrderId, e.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back the admission ticket of order {OrderId} ({ErrorType}: {Error}); it expires by itself")]
    static partial void LogReleaseFailed(ILogger logger, string orderId, string errorType, string error);
}
