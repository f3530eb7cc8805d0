using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// What an order of revision 3 has not yet told the registry and the deadline board about its finished steps: the
/// reports to apply to its service point (in the order they came), and the deadlines whose wait is over.
/// </summary>
public sealed record StepSettlement(ServicePointId ServicePointId, IReadOnlyList<ActivityReport> Reports, IReadOnlyList<DeadlineEntry> Deadlines);

/// <summary>
/// Settles an order's finished steps (revision 3): applies each report to the registry, then takes each deadline off the
/// board. The order's next activity (a command, a dispatch, the end) does this before its own work; this activity does
/// it alone only when another activity comes first. Both writes are idempotent: the registry applies a report once by
/// its activity id, under the row's ETag, and clearing a deadline that is gone does nothing.
/// </summary>
public sealed class SettleSteps(IServicePointRegistry registry, IDeadlineBoard board) : IServiceOrderActivity<StepSettlement, bool>
{
    public async Task<bool> RunAsync(StepSettlement input, CancellationToken cancellationToken)
    {
        await SettleAsync(input, cancellationToken);
        return true;
    }

    /// <summary>Settles <paramref name="settlement"/> when there is one.</summary>
    public async Task SettleAsync(StepSettlement? settlement, CancellationToken cancellationToken)
    {
        if (settlement is null)
        {
            return;
        }

        foreach (var report in settlement.Reports)
        {
            await registry.ApplyAsync(settlement.ServicePointId, report, cancellationToken);
        }

        foreach (var deadline in settlement.Deadlines)
        {
            await board.ClearAsync(deadline.OrderId, deadline.ActivityId, deadline.DueAt, cancellationToken);
        }
    }
}
