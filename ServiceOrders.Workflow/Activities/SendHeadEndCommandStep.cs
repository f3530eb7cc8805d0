using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>A command of an order of revision 3, and what the order's earlier steps left to settle.</summary>
public sealed record HeadEndCommandStep(HeadEndCommand Command, StepSettlement? Settle);

/// <summary>
/// Revision 3's command step: settles the earlier steps, sends the command (<see cref="SendHeadEndCommand"/>), and when
/// the head-end took it, puts its expiry on the deadline board, so that the order waits for the answer without a
/// durable timer. Every part is idempotent: the registry and the board by their keys, the head-end by the command id.
/// </summary>
public sealed class SendHeadEndCommandStep(SettleSteps settle, SendHeadEndCommand send, IDeadlineBoard board)
    : IServiceOrderActivity<HeadEndCommandStep, CommandSubmission>
{
    public async Task<CommandSubmission> RunAsync(HeadEndCommandStep input, CancellationToken cancellationToken)
    {
        await settle.SettleAsync(input.Settle, cancellationToken);
        var submission = await send.RunAsync(input.Command, cancellationToken);
        if (submission.Accepted)
        {
            await board.SetAsync(new DeadlineEntry(input.Command.OrderId, StepId.Of(input.Command.CommandId), input.Command.ExpiresAt), cancellationToken);
        }

        return submission;
    }
}
