using System.Runtime.ExceptionServices;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>
/// Tells every subscriber channel (the notification queue or topic, webhooks, …). Each gets its turn even when one
/// before it fails; then the failure is thrown, so the activity runs again. That is safe because every channel is
/// idempotent by notification id.
/// </summary>
public sealed class CompositeSubscriberNotifier(IReadOnlyList<ISubscriberNotifier> notifiers) : ISubscriberNotifier
{
    public IReadOnlyList<ISubscriberNotifier> Notifiers => notifiers;

    public async Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
    {
        List<Exception>? failures = null;
        foreach (var notifier in notifiers)
        {
            try
            {
                await notifier.PublishAsync(notifications, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is [var only])
        {
            ExceptionDispatchInfo.Throw(only);
        }

        if (failures is not null)
        {
            throw new AggregateException("Some subscriber channels were not told.", failures);
        }
    }
}
