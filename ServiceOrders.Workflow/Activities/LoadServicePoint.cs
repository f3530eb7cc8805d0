using Microsoft.Extensions.Logging;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// Reads a service point from the registry; null when it is not registered, or when its registered state breaks the
/// registry's rules (<see cref="ServicePointValidator"/>): an order must not plan on a row that contradicts itself, and
/// the orchestrator already refuses an order whose service point it cannot load. Checked here rather than in the
/// orchestrator so that no order history changes; the log says why the row was refused.
/// </summary>
public sealed partial class LoadServicePoint(IServicePointRegistry registry, ILogger<LoadServicePoint> logger) : IServiceOrderActivity<ServicePointId, ServicePoint?>
{
    public async Task<ServicePoint?> RunAsync(ServicePointId input, CancellationToken cancellationToken)
    {
        var point = await registry.GetAsync(input, cancellationToken);
        if (point is null)
        {
            return null;
        }

        var errors = ServicePointValidator.Validate(point);
        if (errors.Count > 0)
        {
            LogInvalidServicePoint(logger, input.Value, string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")));
            return null;
        }

        return point;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service point {ServicePointId} is registered with invalid data and is treated as not registered: {Errors}")]
    static partial void LogInvalidServicePoint(ILogger logger, string servicePointId, string errors);
}
