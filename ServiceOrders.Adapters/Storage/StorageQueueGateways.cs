using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The ports to outside systems over storage queues, for local runs and for systems that read queues. Every message
/// carries its idempotency key (activity id, message id): a queue may hold a message
/// twice when an activity runs twice, and receivers drop the repeat by that key.
/// </summary>
public sealed class StorageQueueGateways(StorageQueues queues) : IFieldWorkGateway, ICisReplySender
{
    public Task DispatchAsync(FieldDispatch dispatch, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.FieldDispatches, dispatch, cancellationToken);

    public Task CancelAsync(FieldCancellation cancellation, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.FieldCancellations, cancellation, cancellationToken);

    public Task SendAsync(CisReply reply, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.CisReplies, reply, cancellationToken);
}
