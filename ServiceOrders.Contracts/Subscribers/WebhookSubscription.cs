using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Subscribers;

[JsonConverter(typeof(JsonStringEnumConverter<WebhookSubscriptionStatus>))]
public enum WebhookSubscriptionStatus
{
    Active,

    /// <summary>The receiver answered 410 Gone: nothing more is sent to it.</summary>
    Disabled,
}

/// <summary>A receiver of events over HTTP, as the API shows it: never with its secret.</summary>
/// <param name="EventTypes">Notification types (<c>serviceorder.completed</c>, …), or <c>*</c> for all.</param>
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
    public const string AllEvents = "*";

    public bool Wants(string notificationType) =>
        Status == WebhookSubscriptionStatus.Active && EventTypes.Any(t => t == AllEvents || t == notificationType);
}

/// <summary>A subscription with the secret its deliveries are signed with; for the dispatcher only.</summary>
public sealed record SignedSubscription(WebhookSubscription Subscription, string Secret);

/// <summary>The body of <c>POST /api/subscriptions</c>. Every field may be missing here, so validation can name each one.</summary>
public sealed record CreateWebhookSubscription(string? Url = null, IReadOnlyList<string?>? EventTypes = null, string? Description = null);

/// <summary>The answer to a new subscription: the only time its secret is shown.</summary>
public sealed record WebhookSubscriptionCreated(
    string Id,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    string Secret,
    DateTimeOffset CreatedAt);
