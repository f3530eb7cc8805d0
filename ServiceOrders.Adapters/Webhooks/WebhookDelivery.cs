using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>
/// One delivery of one notification to one subscription, as a message on the <c>webhook-deliveries</c> queue. The
/// retry schedule travels with the job, so a change of settings never alters deliveries under way, and any dispatcher
/// that takes the job treats it alike.
/// </summary>
/// <param name="Attempt">The try this message is for, from 1.</param>
/// <param name="RetryDelays">The wait before each retry; the job is tried once more than there are delays.</param>
public sealed record WebhookDeliveryJob(
    string SubscriptionId,
    SubscriberNotification Notification,
    int Attempt,
    IReadOnlyList<TimeSpan> RetryDelays)
{
    /// <summary>The idempotency key: one subscription hears one notification once.</summary>
    public string Key => KeyOf(SubscriptionId, Notification.NotificationId);

    [JsonIgnore]
    public bool IsLastAttempt => Attempt > RetryDelays.Count;

    /// <summary>The wait before the next try, after this one failed.</summary>
    [JsonIgnore]
    public TimeSpan DelayBeforeNext => IsLastAttempt ? TimeSpan.Zero : RetryDelays[Attempt - 1];

    public WebhookDeliveryJob Next() => this with { Attempt = Attempt + 1 };

    public static string KeyOf(string subscriptionId, string notificationId) => $"{subscriptionId}:{notificationId}";
}

[JsonConverter(typeof(JsonStringEnumConverter<WebhookDeliveryOutcome>))]
public enum WebhookDeliveryOutcome
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>No answer, a timeout, 408, 429 or 5xx: tried again later.</summary>
    WillRetry,

    /// <summary>Refused for good (another 4xx, a redirect), or the last try failed.</summary>
    Failed,

    /// <summary>The receiver answered 410 Gone; the subscription is disabled.</summary>
    SubscriptionDisabled,

    /// <summary>Not sent: the subscription was disabled before this event's turn came.</summary>
    Skipped,

    /// <summary>Not sent: a second copy of a job whose event is handled already, or is being sent right now.</summary>
    Duplicate,
}

/// <summary>What happened to one try of a delivery, newest first on <c>GET /api/subscriptions/{id}/deliveries</c>.</summary>
/// <param name="EventId">The notification id: the CloudEvent's <c>id</c> and the <c>webhook-id</c> header.</param>
public sealed record WebhookDeliveryRecord(
    string EventId,
    string Type,
    int Attempt,
    int? StatusCode,
    WebhookDeliveryOutcome Outcome,
    DateTimeOffset At,
    string? Error = null,
    DateTimeOffset? NextAttemptAt = null);
