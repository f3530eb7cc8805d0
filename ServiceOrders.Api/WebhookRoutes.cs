using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Api.Webhooks;
using ServiceOrders.Contracts.Subscribers;


namespace ServiceOrders.Api;

/// <summary>
/// The webhook subscription routes, mapped into the <c>/api</c> group with the product's other routes (so the same
/// authentication applies). They describe themselves for the OpenAPI document.
/// </summary>
public static class WebhookRoutes
{
    public const string Tag = "Webhooks";

    public static RouteGroupBuilder MapWebhookSubscriptions(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", (HttpRequest req, WebhookSubscriptionApi subscriptions, CancellationToken ct) => subscriptions.CreateAsync(req, ct))
            .WithName("CreateSubscription")
            .WithTags(Tag)
            .WithSummary("Subscribe to events by webhook")
            .WithDescription("Events of the listed types (or \"*\") are POSTed to the https URL as signed CloudEvents. The answer holds the signing secret; it is never shown again.")
            .Accepts<CreateWebhookSubscription>(OpenApiDescriptions.Json)
            .Answers<WebhookSubscriptionCreated>(StatusCodes.Status201Created, "The subscription, with its signing secret.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid; errors lists every problem.")
            .Problem(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {WebhookSubscriptionApi.MaxBodyBytes / 1024} KiB.")
            .Problem(StatusCodes.Status415UnsupportedMediaType, "The body is not JSON.");
        api.MapGet("/subscriptions", (WebhookSubscriptionApi subscriptions, CancellationToken ct) => subscriptions.ListAsync(ct))
            .WithName("ListSubscriptions")
            .WithTags(Tag)
            .WithSummary("List webhook subscriptions")
            .WithDescription("Every subscription: its URL, event types and state. Signing secrets are not shown.")
            .Answers<IReadOnlyList<WebhookSubscription>>(StatusCodes.Status200OK, "The subscriptions.");
        api.MapGet("/subscriptions/{subscriptionId}", (string subscriptionId, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.GetAsync(subscriptionId, ct))
            .WithName("GetSubscription")
            .WithTags(Tag)
            .WithSummary("Get a webhook subscription")
            .WithDescription("One subscription: its URL, event types and state. The signing secret is not shown.")
            .Answers<WebhookSubscription>(StatusCodes.Status200OK, "The subscription.")
            .Problem(StatusCodes.Status404NotFound, "There is no such subscription.");
        api.MapDelete("/subscriptions/{subscriptionId}", (string subscriptionId, HttpRequest req, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.DeleteAsync(subscriptionId, req, ct))
            .WithName("DeleteSubscription")
            .WithTags(Tag)
            .WithSummary("Delete a webhook subscription and its delivery records")
            .WithDescription("No event is sent to its URL afterwards; deliveries under way may still arrive.")
            .AnswersEmpty(StatusCodes.Status204NoContent, "The subscription was deleted.")
            .Problem(StatusCodes.Status404NotFound, "There is no such subscription.");
        api.MapGet("/subscriptions/{subscriptionId}/deliveries", (string subscriptionId, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.ListDeliveriesAsync(subscriptionId, ct))
            .WithName("ListSubscriptionDeliveries")
            .WithTags(Tag)
            .WithSummary("Recent delivery tries of a webhook subscription")
            .WithDescription($"The latest {WebhookSubscriptionApi.RecentDeliveries} tries, newest first: event id, type, try, status code, outcome, time and error.")
            .Answers<IReadOnlyList<WebhookDeliveryRecord>>(StatusCodes.Status200OK, "The delivery tries, newest first.")
            .Problem(StatusCodes.Status404NotFound, "There is no such subscription.");
        api.MapPost("/subscriptions/{subscriptionId}/deliveries/{eventId}/redeliver", (string subscriptionId, string eventId, HttpRequest req, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.RedeliverAsync(subscriptionId, eventId, req, ct))
            .WithName("RedeliverSubscriptionEvent")
            .WithTags(Tag)
            .WithSummary("Send an event to a subscription again")
            .WithDescription("Once the event's delivery has ended (delivered or failed), queues it again from a first try with the usual retries. Audited, with the optional note.")
            .Accepts<RedeliveryRequest>(OpenApiDescriptions.Json)
            .Answers<RedeliveryQueued>(StatusCodes.Status202Accepted, "The event is queued for the subscription again.")
            .Problem(StatusCodes.Status400BadRequest, "The body is malformed or the note too long.")
            .Problem(StatusCodes.Status404NotFound, "There is no such subscription, or the event was not sent to it (or not kept).")
            .Problem(StatusCodes.Status409Conflict, "The event's delivery is still trying.");
        return api;
    }
}
