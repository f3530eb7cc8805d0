using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Tells the requesting system what became of its request.</summary>
public sealed class SendCisReply(ICisReplySender sender) : IServiceOrderActivity<CisReply, bool>
{
    public async Task<bool> RunAsync(CisReply input, CancellationToken cancellationToken)
    {
        await sender.SendAsync(input, cancellationToken);
        return true;
    }
}
