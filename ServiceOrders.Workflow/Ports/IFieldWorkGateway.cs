using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The field work system that sends crews. Dispatch and cancel are idempotent by <see cref="FieldDispatch.ActivityId"/>.</summary>
public interface IFieldWorkGateway
{
    Task DispatchAsync(FieldDispatch dispatch, CancellationToken cancellationToken);

    /// <summary>Asks the field work system to call off dispatched work; the crew still reports what it did (Cancelled, or Completed if it already acted).</summary>
    Task CancelAsync(FieldCancellation cancellation, CancellationToken cancellationToken);
}
