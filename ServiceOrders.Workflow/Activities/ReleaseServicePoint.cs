using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

public sealed record ReleaseServicePointInput(ServicePointId ServicePointId, OrderId OrderId);

/// <summary>Removes an ended order from its service point's open orders.</summary>
public sealed class ReleaseServicePoint(IServicePointClaims claims) : IServiceOrderActivity<ReleaseServicePointInput, bool>
{
    public async Task<bool> RunAsync(ReleaseServicePointInput input, CancellationToken cancellationToken)
    {
        await claims.ReleaseAsync(input.ServicePointId, input.OrderId, cancellationToken);
        return true;
    }
}
