using ServiceOrders.Contracts.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Whether the head-end took a command; a refusal says why.</summary>
public sealed record CommandSubmission(bool Accepted, string? Refusal = null);

/// <summary>Sends a command to the head-end; its answer comes back through the head-end result endpoint or result queue.</summary>
public sealed class SendHeadEndCommand(IHeadEndGateway gateway) : IServiceOrderActivity<HeadEndCommand, CommandSubmission>
{
    public async Task<CommandSubmission> RunAsync(HeadEndCommand input, CancellationToken cancellationToken)
    {
        try
        {
            await gateway.SendAsync(input, cancellationToken);
            return new CommandSubmission(true);
        }
        catch (CommandRefusedException refused)
        {
            return new CommandSubmission(false, refused.Message);
        }
    }
}
