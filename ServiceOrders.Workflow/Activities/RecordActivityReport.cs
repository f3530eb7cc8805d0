using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

public sealed record RecordActivityReportInput(ServicePointId ServicePointId, ActivityReport Report);

/// <summary>Applies what an activity reported to the registry and returns the service point's new state.</summary>
public sealed class RecordActivityReport(IServicePointRegistry registry) : IServiceOrderActivity<RecordActivityReportInput, ServicePoint>
{
    public Task<ServicePoint> RunAsync(RecordActivityReportInput input, CancellationToken cancellationToken) =>
        registry.ApplyAsync(input.ServicePointId, input.Report, cancellationToken);
}
