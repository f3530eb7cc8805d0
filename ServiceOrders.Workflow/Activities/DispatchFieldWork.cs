using ServiceOrders.Contracts.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// Sends field work to the field work system; a crew reports its completion through the crews' endpoint. The order
/// list then shows the order waiting for the crew until the work's due time.
/// </summary>
public sealed class DispatchFieldWork(IFieldWorkGateway gateway, WaitRecorder waits) : IServiceOrderActivity<FieldDispatch, bool>
{
    public async Task<bool> RunAsync(FieldDispatch input, CancellationToken cancellationToken)
    {
        await gateway.DispatchAsync(input, cancellationToken);
        await waits.SentAsync(input.ActivityId.Value, input.OrderId, PartnerChannel.Crew, WaitRecorder.FieldWorkSystem, input.DueBy, cancellationToken);
        return true;
    }
}
