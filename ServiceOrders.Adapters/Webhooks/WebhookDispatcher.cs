using Microsoft.Extensions.Logging;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>
/// Sends one delivery job taken from the <c>webhook-deliveries</c> queue, the same in both hosts. It returns once the
/// try is recorded and any retry is queued; only then may the host delete the message. When it throws, the message
/// stays and comes back. A job is sent at most once per try: the key row in the deliveries table is claimed first,
/// and a copy that finds it claimed or done is recorded as a duplicate and dropped.
/// </summary>
public sealed partial class WebhookDispatcher(
    TableWebhookSubscriptions subscriptions,
    TableWebhookDeliveries deliveries,
    WebhookQueue queue,
    WebhookSender sender,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
{
    /// <summary>How a receiver's answer ends a try.</summary>
    public static WebhookDeliveryOutcome OutcomeOf(int? statusCode, bool isLastAttempt) => statusCode switch
    {
        >= 200 and < 300 => WebhookDeliveryOutcome.Delivered,
        410 => WebhookDeliveryOutcome.SubscriptionDisabled,
        null or 408 or 429 or >= 500 => isLastAttempt ? WebhookDeliveryOutcome.Failed : WebhookDeliveryOutcome.WillRetry,
        _ => WebhookDeliveryOutcome.Failed,
    };

    /// <param name="messageId">The queue message's id, which stays the same each time the message comes back.</param>
    public async Task HandleAsync(WebhookDeliveryJob job, string messageId, CancellationToken cancellationToken)
    {
        var signed = await subscriptions.GetSignedAsync(job.SubscriptionId, cancellationToken);
        if (signed is null)
        {
            LogSubscriptionGone(logger, job.Key);
            return;
        }

        var claim = await deliveries.ClaimAsync(job, messageId, cancellationToken);
        switch (claim.Verdict)
        {
            case ClaimVerdict.Duplicate:
                LogDuplicate(logger, job.Key, job.Attempt, claim.Reason);
                await deliveries.RecordDroppedAsync(job.SubscriptionId, Record(job, null, WebhookDeliveryOutcome.Duplicate, claim.Reason), cancellationToken);
                return;
            case ClaimVerdict.QueueNext:
                var wait = (claim.NextAttemptAt ?? time.GetUtcNow()) - time.GetUtcNow();
                await queue.EnqueueAsync(job.Next(), wait, cancellationToken);
                return;
        }

        var subscription = signed.Subscription;
        if (subscription.Status != WebhookSubscriptionStatus.Active)
        {
            await deliveries.RecordAsync(job, messageId, claim,
                Record(job, null, WebhookDeliveryOutcome.Skipped, $"The subscription was disabled: {subscription.DisabledReason}"), cancellationToken);
            return;
        }

        using var span = ServiceOrdersTracing.WebhookDelivery(job.SubscriptionId, job.Notification.OrderId, job.Attempt, job.TraceParent, job.TraceState);
        var response = await sender.SendAsync(new Uri(subscription.Url), signed.Secret, job.Notification, cancellationToken);
        var outcome = OutcomeOf(response.StatusCode, job.IsLastAttempt);
        ServiceOrdersMetrics.WebhookTried(outcome.ToString(), job.Attempt);
        span?.SetTag(ServiceOrdersMetrics.ResultTag, outcome.ToString());
        var record = Record(job, response.StatusCode, outcome, response.Error);
        if (outcome == WebhookDeliveryOutcome.WillRetry)
        {
            record = record with { NextAttemptAt = record.At + job.DelayBeforeNext };
        }
        else if (outcome == WebhookDeliveryOutcome.SubscriptionDisabled)
        {
            // Disabled before the record: a stop in between sends again, and the receiver says 410 again.
            await subscriptions.DisableAsync(subscription.Id, $"The receiver answered 410 Gone to event {job.Notification.NotificationId}.", record.At, cancellationToken);
        }

        await deliveries.RecordAsync(job, messageId, claim, record, cancellationToken);
        LogAttempt(logger, job.Key, job.Attempt, response.StatusCode, outcome);
        if (outcome == WebhookDeliveryOutcome.WillRetry)
        {
            await queue.EnqueueAsync(job.Next(), job.DelayBeforeNext, cancellationToken);
        }
    }

    WebhookDeliveryRecord Record(WebhookDeliveryJob job, int? statusCode, WebhookDeliveryOutcome outcome, string? error) =>
        new(job.Notification.NotificationId, job.Notification.Type, job.Attempt, statusCode, outcome, time.GetUtcNow(), error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Key} try {Attempt}: {StatusCode} → {Outcome}")]
    static partial void LogAttempt(ILogger logger, string key, int attempt, int? statusCode, WebhookDeliveryOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Key} try {Attempt} dropped: {Reason}")]
    static partial void LogDuplicate(ILogger logger, string key, int attempt, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {Key} dropped: the subscription was deleted")]
    static partial void LogSubscriptionGone(ILogger logger, string key);
}
