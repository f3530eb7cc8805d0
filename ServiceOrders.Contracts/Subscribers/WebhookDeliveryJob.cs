using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Subscribers;

/// <summary>
/// One delivery of one notification to one subscription, as a message on the <c>webhook-deliveries</c> queue. The
/// retry schedule travels with the job, so a change of settings never alters deliveries under way, and any dispatcher
/// that takes the job treats it alike. <see cref="Key"/> is the idempotency key.
/// </summary>
/// <param name="SubscriptionId">The subscription to deliver to (<c>sub_</c> and 32 hex digits).</param>
/// <param name="Notification">The notification to deliver, as the <c>data</c> of a CloudEvent.</param>
/// <param name="Attempt">The try this message is for, from 1.</param>
/// <param name="RetryDelays">The wait before each retry (<c>hh:mm:ss</c>); the job is tried once more than there are delays.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the order's trace when the notification was handed over; each try's request carries it.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with it.</param>
public sealed record WebhookDeliveryJob(
    string SubscriptionId,
    SubscriberNotification Notification,
    int Attempt,
    IReadOnlyList<TimeSpan> RetryDelays,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null)
{
    /// <summary>The idempotency key, <c>{subscriptionId}:{notificationId}</c>: one subscription hears one notification once.</summary>
    public string Key => KeyOf(SubscriptionId, Notification.NotificationId);

    /// <summary>Whether no retry follows this try. Not serialized.</summary>
    [JsonIgnore]
    public bool IsLastAttempt => Attempt > RetryDelays.Count;

    /// <summary>The wait before the next try, after this one failed. Not serialized.</summary>
    [JsonIgnore]
    public TimeSpan DelayBeforeNext => IsLastAttempt ? TimeSpan.Zero : RetryDelays[Attempt - 1];

    /// <summary>The job of the next try.</summary>
    public WebhookDeliveryJob Next() => this with { Attempt = Attempt + 1 };

    /// <summary>The idempotency key of the delivery of <paramref name="notificationId"/> to <paramref name="subscriptionId"/>.</summary>
    public static string KeyOf(string subscriptionId, string notificationId) => $"{subscriptionId}:{notificationId}";
}
