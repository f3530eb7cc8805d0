using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>Publishes order and service point changes to subscribing systems.</summary>
public sealed class NotifySubscribers(ISubscriberNotifier notifier) : IServiceOrderActivity<IReadOnlyList<SubscriberNotification>, bool>
{
    public async Task<bool> RunAsync(IReadOnlyList<SubscriberNotification> input, CancellationToken cancellationToken)
    {
        await notifier.PublishAsync(input, cancellationToken);
        return true;
    }
}
