using System.Text.Json.Serialization;

namespace ServiceOrders.Adapters.Webhooks;

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
