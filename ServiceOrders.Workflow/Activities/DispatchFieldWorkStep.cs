using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Field work of an order of revision 3, and what the order's earlier steps left to settle.</summary>
public sealed record FieldDispatchStep(FieldDispatch Dispatch, StepSettlement? Settle);

/// <summary>
/// Revision 3's dispatch step: settles the earlier steps, sends the work to the field work system
/// (<see cref="DispatchFieldWork"/>), and puts its due time on the deadline board, so that the order waits for the crew
/// without a durable timer. Every part is idempotent by its key.
/// </summary>
public sealed class DispatchFieldWorkStep(SettleSteps settle, DispatchFieldWork dispatch, IDeadlineBoard board)
    : IServiceOrderActivity<FieldDispatchStep, bool>
{
    public async Task<bool> RunAsync(FieldDispatchStep input, CancellationToken cancellationToken)
    {
        await settle.SettleAsync(input.Settle, cancellationToken);
        await dispatch.RunAsync(input.Dispatch, cancellationToken);
        await board.SetAsync(new DeadlineEntry(input.Dispatch.OrderId, StepId.Of(input.Dispatch.ActivityId), input.Dispatch.DueBy), cancellationToken);
        return true;
    }
}
