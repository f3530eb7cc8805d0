using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Reads a service point from the registry; null when it is not registered.</summary>
public sealed class LoadServicePoint(IServicePointRegistry registry) : IServiceOrderActivity<string, ServicePoint?>
{
    public Task<ServicePoint?> RunAsync(string input, CancellationToken cancellationToken) =>
        registry.GetAsync(input, cancellationToken);
}
