using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The registry of service points and their meters.</summary>
public interface IServicePointRegistry
{
    Task<ServicePoint?> GetAsync(ServicePointId servicePointId, CancellationToken cancellationToken);

    /// <summary>Creates or replaces a service point's registered state.</summary>
    Task UpsertAsync(ServicePoint servicePoint, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a reported activity to the service point and returns the new state. Idempotent by the report's activity id:
    /// a report applied before returns the current state unchanged.
    /// </summary>
    Task<ServicePoint> ApplyAsync(ServicePointId servicePointId, ActivityReport report, CancellationToken cancellationToken);
}
