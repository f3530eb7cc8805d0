using System.Text;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.CloudEvents;

/// <summary>
/// Subscriber notifications as structured-mode CloudEvents JSON on the storage queue
/// <see cref="QueueNames.ServiceOrderEvents"/>, where no Service Bus is configured (local runs). Idempotent by the
/// event id: a repeated activity puts the same event again, and readers drop the repeat by its id.
/// </summary>
public sealed class StorageQueueCloudEventPublisher(StorageQueues queues) : ISubscriberNotifier
{
    public async Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(QueueNames.ServiceOrderEvents, cancellationToken);
        foreach (var notification in notifications)
        {
            await queue.SendMessageAsync(Encoding.UTF8.GetString(SubscriberCloudEvents.Encode(notification).Span), cancellationToken);
        }
    }
}
