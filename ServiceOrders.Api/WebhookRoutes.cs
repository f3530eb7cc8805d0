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
    const string Tag = "Webhooks";

    public static RouteGroupBuilder MapWebhookSubscriptions(this RouteGroupBuilder api)
    {
        api.MapPost("/subscriptions", (HttpRequest req, WebhookSubscriptionApi subscriptions, CancellationToken ct) => subscriptions.CreateAsync(req, ct))
            .WithName("CreateSubscription")
            .WithTags(Tag)
            .WithSummary("Subscribe to events by webhook")
            .WithDescription("Events of the listed types (or \"*\") are POSTed to the https URL as signed CloudEvents. The answer holds the signing secret; it is never shown again.")
            .Accepts<CreateWebhookSubscription>("application/json")
            .Produces<WebhookSubscriptionCreated>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/subscriptions", (WebhookSubscriptionApi subscriptions, CancellationToken ct) => subscriptions.ListAsync(ct))
            .WithName("ListSubscriptions")
            .WithTags(Tag)
            .WithSummary("List webhook subscriptions")
            .Produces<IReadOnlyList<WebhookSubscription>>();
        api.MapGet("/subscriptions/{subscriptionId}", (string subscriptionId, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.GetAsync(subscriptionId, ct))
            .WithName("GetSubscription")
            .WithTags(Tag)
            .WithSummary("Get a webhook subscription")
            .Produces<WebhookSubscription>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapDelete("/subscriptions/{subscriptionId}", (string subscriptionId, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.DeleteAsync(subscriptionId, ct))
            .WithName("DeleteSubscription")
            .WithTags(Tag)
            .WithSummary("Delete a webhook subscription and its delivery records")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/subscriptions/{subscriptionId}/deliveries", (string subscriptionId, WebhookSubscriptionApi subscriptions, CancellationToken ct) =>
                subscriptions.ListDeliveriesAsync(subscriptionId, ct))
            .WithName("ListSubscriptionDeliveries")
            .WithTags(Tag)
            .WithSummary("Recent delivery tries of a webhook subscription")
            .WithDescription($"The latest {WebhookSubscriptionApi.RecentDeliveries} tries, newest first: event id, type, try, status code, outcome, time and error.")
            .Produces<IReadOnlyList<WebhookDeliveryRecord>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}
