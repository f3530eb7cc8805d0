using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.OperatorConsole.Api;

/// <summary>Webhook subscriptions: the subscribers, their delivery history, and sending an event again.</summary>
public sealed partial class ConsoleApi
{
    public Task<ApiResult<IReadOnlyList<WebhookSubscription>>> ListSubscriptionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<WebhookSubscription>>("api/subscriptions", cancellationToken);

    public Task<ApiResult<WebhookSubscriptionCreated>> CreateSubscriptionAsync(CreateWebhookSubscription subscription, CancellationToken cancellationToken = default) =>
        SendAsync<WebhookSubscriptionCreated>(HttpMethod.Post, "api/subscriptions", subscription, cancellationToken);

    public Task<ApiResult<JsonElement>> DeleteSubscriptionAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"api/subscriptions/{Uri.EscapeDataString(subscriptionId)}", null, cancellationToken);

    /// <summary>The latest delivery tries of a subscription, newest first.</summary>
    public Task<ApiResult<IReadOnlyList<DeliveryTry>>> ListDeliveriesAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<DeliveryTry>>($"api/subscriptions/{Uri.EscapeDataString(subscriptionId)}/deliveries", cancellationToken);

    /// <summary>Sends an event to a subscription again, once its tries have ended; the note goes to the audit.</summary>
    public Task<ApiResult<RedeliveryAnswer>> RedeliverAsync(string subscriptionId, string eventId, string? note, CancellationToken cancellationToken = default) =>
        SendAsync<RedeliveryAnswer>(
            HttpMethod.Post,
            $"api/subscriptions/{Uri.EscapeDataString(subscriptionId)}/deliveries/{Uri.EscapeDataString(eventId)}/redeliver",
            new RedeliveryNote(note),
            cancellationToken);

    sealed record RedeliveryNote([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);
}

/// <summary>How one try of a delivery ended, as <c>GET /api/subscriptions/{id}/deliveries</c> tells it.</summary>
/// <param name="EventId">The event (the CloudEvent's id).</param>
/// <param name="Type">The event type.</param>
/// <param name="Attempt">Which try, from 1.</param>
/// <param name="StatusCode">The receiver's HTTP status; null when it did not answer.</param>
/// <param name="Outcome">Delivered, WillRetry, Failed, SubscriptionDisabled, Skipped or Duplicate.</param>
/// <param name="At">When the try ended.</param>
/// <param name="Error">What went wrong; null when delivered.</param>
/// <param name="NextAttemptAt">When the next try is due; null when none is.</param>
public sealed record DeliveryTry(string EventId, string Type, int Attempt, int? StatusCode, string Outcome, DateTimeOffset At, string? Error = null, DateTimeOffset? NextAttemptAt = null)
{
    /// <summary>Whether the event's tries have ended with this one, so that it may be sent again.</summary>
    public bool Ended => Outcome is "Delivered" or "Failed" or "SubscriptionDisabled";
}

/// <summary>The API's answer to a redelivery: the event is queued for the subscription again.</summary>
public sealed record RedeliveryAnswer(string SubscriptionId, string EventId, bool Accepted);
