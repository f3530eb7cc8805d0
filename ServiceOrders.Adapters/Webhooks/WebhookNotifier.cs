using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>
/// Hands notifications to webhook subscribers: one job on the delivery queue per subscription that wants the
/// notification's type. Run twice (activities run at least once), it queues the same jobs twice; the dispatcher sends
/// each key once.
/// </summary>
public sealed partial class WebhookNotifier(
    TableWebhookSubscriptions subscriptions,
    WebhookQueue queue,
    IOptions<WebhookOptions> options,
    ILogger<WebhookNotifier> logger) : ISubscriberNotifier
{
    public async Task PublishAsync(IReadOnlyList<SubscriberNotification> notifications, CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        var active = (await subscriptions.ListAsync(cancellationToken)).Where(s => s.Status == WebhookSubscriptionStatus.Active).ToList();
        var retryDelays = options.Value.EffectiveRetryDelays.ToArray();
        foreach (var notification in notifications)
        {
            foreach (var subscription in active.Where(s => s.Wants(notification.Type)))
            {
                await queue.EnqueueAsync(new WebhookDeliveryJob(subscription.Id, notification, 1, retryDelays, ServiceOrdersTracing.CurrentTraceParent, ServiceOrdersTracing.CurrentTraceState), TimeSpan.Zero, cancellationToken);
                LogQueued(logger, notification.NotificationId, subscription.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Event {NotificationId} queued for webhook subscription {SubscriptionId}")]
    static partial void LogQueued(ILogger logger, string notificationId, string subscriptionId);
}
