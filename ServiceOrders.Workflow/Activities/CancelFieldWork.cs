using ServiceOrders.Contracts.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Asks the field work system to call off dispatched work.</summary>
public sealed class CancelFieldWork(IFieldWorkGateway gateway) : IServiceOrderActivity<FieldCancellation, bool>
{
    public async Task<bool> RunAsync(FieldCancellation input, CancellationToken cancellationToken)
    {
        await gateway.CancelAsync(input, cancellationToken);
        return true;
    }
}
