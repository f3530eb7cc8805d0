using ServiceOrders.Domain.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Sends a command to the head-end; its answer comes back through the head-end result endpoint.</summary>
public sealed class SendHeadEndCommand(IHeadEndGateway gateway) : IServiceOrderActivity<HeadEndCommand, bool>
{
    public async Task<bool> RunAsync(HeadEndCommand input, CancellationToken cancellationToken)
    {
        await gateway.SendAsync(input, cancellationToken);
        return true;
    }
}
