using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The field work system that sends crews. Dispatch is idempotent by <see cref="FieldDispatch.ActivityId"/>.</summary>
public interface IFieldWorkGateway
{
    Task DispatchAsync(FieldDispatch dispatch, CancellationToken cancellationToken);
}
