using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>Subscribing systems (billing, outage, portals). Idempotent by <see cref="SubscriberNotification.NotificationId"/>.</summary>
public interface ISubscriberNotifier
{
    Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken);
}
