using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

public sealed record ReserveCommandSlotInput(string HeadEndId, string ReservationKey, DateTimeOffset Now, TimeSpan Spacing);

/// <summary>Reserves the time at which a paced command may go to its head-end.</summary>
public sealed class ReserveCommandSlot(ICommandPacer pacer) : IServiceOrderActivity<ReserveCommandSlotInput, DateTimeOffset>
{
    public Task<DateTimeOffset> RunAsync(ReserveCommandSlotInput input, CancellationToken cancellationToken) =>
        pacer.ReserveAsync(input.HeadEndId, input.ReservationKey, input.Now, input.Spacing, cancellationToken);
}
