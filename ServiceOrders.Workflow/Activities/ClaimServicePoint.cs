using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

public sealed record ClaimServicePointInput(ServicePointId ServicePointId, OpenOrder Order);

/// <summary>Registers the order as open on its service point and returns every order open there.</summary>
public sealed class ClaimServicePoint(IServicePointClaims claims) : IServiceOrderActivity<ClaimServicePointInput, IReadOnlyList<OpenOrder>>
{
    public Task<IReadOnlyList<OpenOrder>> RunAsync(ClaimServicePointInput input, CancellationToken cancellationToken) =>
        claims.ClaimAsync(input.ServicePointId, input.Order, cancellationToken);
}
