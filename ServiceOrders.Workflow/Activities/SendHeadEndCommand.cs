using ServiceOrders.Contracts.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Whether the head-end took a command; a refusal says why.</summary>
public sealed record CommandSubmission(bool Accepted, string? Refusal = null);

/// <summary>
/// Sends a command to the head-end; its answer comes back through the head-end result endpoint or result queue. The
/// order list then shows the order waiting for that head-end until the command expires.
/// </summary>
public sealed class SendHeadEndCommand(IHeadEndGateway gateway, WaitRecorder waits) : IServiceOrderActivity<HeadEndCommand, CommandSubmission>
{
    public async Task<CommandSubmission> RunAsync(HeadEndCommand input, CancellationToken cancellationToken)
    {
        try
        {
            await gateway.SendAsync(input, cancellationToken);
        }
        catch (CommandRefusedException refused)
        {
            await waits.RefusedAsync(input.CommandId.Value, input.OrderId, PartnerChannel.HeadEnd, input.HeadEndId, cancellationToken);
            return new CommandSubmission(false, refused.Message);
        }

        await waits.SentAsync(input.CommandId.Value, input.OrderId, PartnerChannel.HeadEnd, input.HeadEndId, input.ExpiresAt, cancellationToken);
        return new CommandSubmission(true);
    }
}
