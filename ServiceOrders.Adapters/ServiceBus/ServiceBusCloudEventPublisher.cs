using Azure.Messaging.ServiceBus;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.ServiceBus;

/// <summary>
/// Subscriber notifications as structured-mode CloudEvents on the Service Bus topic. The message id is the event id,
/// so the topic's duplicate detection drops an event published twice; the subject is the event type and the
/// correlation id the order, for subscription filters.
/// </summary>
public sealed class ServiceBusCloudEventPublisher(ServiceBusSender sender) : ISubscriberNotifier
{
    public async Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count > 0)
        {
            await sender.SendMessagesAsync(notifications.Select(ToMessage), cancellationToken);
        }
    }

    public static ServiceBusMessage ToMessage(SubscriberNotification notification) => new(SubscriberCloudEvents.Encode(notification))
    {
        MessageId = notification.NotificationId,
        ContentType = SubscriberCloudEvents.ContentType,
        Subject = SubscriberCloudEvents.EventTypeOf(notification.Type),
        CorrelationId = notification.OrderId,
    };
}
