using ServiceOrders.Contracts.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Sends field work to the field work system; a crew reports its completion through the crews' endpoint.</summary>
public sealed class DispatchFieldWork(IFieldWorkGateway gateway) : IServiceOrderActivity<FieldDispatch, bool>
{
    public async Task<bool> RunAsync(FieldDispatch input, CancellationToken cancellationToken)
    {
        await gateway.DispatchAsync(input, cancellationToken);
        return true;
    }
}
