using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Admission;

/// <summary>
/// Tickets for orders started outside the pump (<c>POST /api/orders</c>, which starts at once): taken before the start
/// so that the orders in progress count them; nothing while admission control is off.
/// </summary>
public sealed class AdmissionTickets(AdmissionStore store, IOrderIndex index, IOptions<AdmissionOptions> options, TimeProvider time)
{
    /// <summary>Takes the order's ticket before its start (admission control on).</summary>
    public Task TakeAsync(string orderId, CancellationToken cancellationToken) =>
        options.Value.Enabled ? store.TakeTicketsAsync([orderId], time.GetUtcNow(), cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// The start found the order there already (a repeat, or a conflict), and its ticket was just written again: gives
    /// it back if that order no longer loads the engine.
    /// </summary>
    public async Task ReturnIfIdleAsync(string orderId, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled
            && await index.GetAsync(new OrderId(orderId), cancellationToken) is { } entry
            && TicketReleasingOrderIndex.NoLongerLoadsEngine(entry))
        {
            await store.ReleaseTicketAsync(orderId, cancellationToken);
        }
    }
}
