using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Subscribers;

/// <summary>Whether a webhook subscription still gets events. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WebhookSubscriptionStatus>))]
public enum WebhookSubscriptionStatus
{
    /// <summary>Events it asks for are delivered.</summary>
    Active,

    /// <summary>The receiver answered 410 Gone: nothing more is sent to it.</summary>
    Disabled,
}

/// <summary>A receiver of events over HTTP, as <c>GET /api/subscriptions</c> shows it: never with its secret.</summary>
/// <param name="Id">The subscription's id, <c>sub_</c> and 32 hex digits; ids sort by creation.</param>
/// <param name="Url">Where events are POSTed: an absolute https URL (http only for loopback where allowed), at most 2,048 characters.</param>
/// <param name="EventTypes">Notification types (<c>serviceorder.completed</c>, …), or <c>*</c> for all.</param>
/// <param name="Description">The subscriber's own note, at most 200 characters; null when none.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Status">Whether it still gets events.</param>
/// <param name="DisabledAt">When it was disabled; null while active.</param>
/// <param name="DisabledReason">Why it was disabled; null while active.</param>
public sealed record WebhookSubscription(
    string Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    DateTimeOffset CreatedAt,
    WebhookSubscriptionStatus Status = WebhookSubscriptionStatus.Active,
    DateTimeOffset? DisabledAt = null,
    string? DisabledReason = null)
{
    /// <summary>The event type that asks for every notification type.</summary>
    public const string AllEvents = "*";

    /// <summary>Whether an event of <paramref name="notificationType"/> goes to this subscription: it is active and asks for the type or for all.</summary>
    public bool Wants(string notificationType) =>
        Status == WebhookSubscriptionStatus.Active && EventTypes.Any(t => t == AllEvents || t == notificationType);
}

/// <summary>A subscription with the secret its deliveries are signed with; for the dispatcher only, never sent.</summary>
/// <param name="Subscription">The subscription.</param>
/// <param name="Secret">The signing secret, <c>whsec_</c> and base64.</param>
public sealed record SignedSubscription(WebhookSubscription Subscription, string Secret);

/// <summary>The body of <c>POST /api/subscriptions</c> (at most 16 KiB). Every field may be missing here, so validation can name each one.</summary>
/// <param name="Url">Where to POST events; required: see <see cref="WebhookSubscription.Url"/>.</param>
/// <param name="EventTypes">1 to 16 of <see cref="Orders.NotificationTypes"/>, or <c>*</c>; required.</param>
/// <param name="Description">An optional note, at most 200 characters, no control characters.</param>
public sealed record CreateWebhookSubscription(string? Url = null, IReadOnlyList<string?>? EventTypes = null, string? Description = null);

/// <summary>The answer to a new subscription (201, with its <c>Location</c>): the only time its secret is shown.</summary>
/// <param name="Id">The subscription's id.</param>
/// <param name="Url">Where events go, normalized.</param>
/// <param name="EventTypes">The event types, without repeats.</param>
/// <param name="Description">The note, trimmed; null when blank.</param>
/// <param name="Secret">The key every delivery is signed with (Standard Webhooks: <c>whsec_</c> and base64); keep it.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record WebhookSubscriptionCreated(
    string Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    string Secret,
    DateTimeOffset CreatedAt);
