using System.Reflection;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Api.Access;
using ServiceOrders.Api.Operators;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Subscribers;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Api.Webhooks;

/// <summary>
/// The subscription routes (<c>/api/subscriptions</c>), shared by both hosts like <see cref="OrderApi"/>: JSON bodies,
/// errors as problem details. A subscription's secret is shown once, in the answer that creates it.
/// </summary>
public sealed partial class WebhookSubscriptionApi(
    TableWebhookSubscriptions subscriptions,
    TableWebhookDeliveries deliveries,
    WebhookQueue queue,
    AuditTrail audit,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSubscriptionApi> logger)
{
    public const int MaxBodyBytes = 16 * 1024;
    public const int MaxEventTypes = 16;
    public const int MaxDescriptionLength = 200;
    public const int RecentDeliveries = 100;

    /// <summary>What a subscription may ask for: every notification type, or <c>*</c>.</summary>
    public static IReadOnlySet<string> KnownEventTypes { get; } = typeof(NotificationTypes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Append(WebhookSubscription.AllEvents)
        .ToHashSet(StringComparer.Ordinal);

    public async Task<IResult> CreateAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadBodyAsync(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = Validate(request, options.Value.AllowInsecureLoopback, out var url, out var eventTypes);
        if (errors.Count > 0)
        {
            return OrderApi.ValidationProblem(errors);
        }

        // Version 7: ids sort by creation, so the list comes oldest first.
        var subscription = new WebhookSubscription(
            $"sub_{Guid.CreateVersion7(time.GetUtcNow()):N}", url!.AbsoluteUri, eventTypes, NullIfBlank(request.Description), time.GetUtcNow());
        var secret = WebhookSignature.NewSecret();
        await audit.RecordAsync(AuditTrail.SubscriptionSubject(subscription.Id), Caller.Of(http.HttpContext), "CreateSubscription", null,
            subscription.Url, AuditTrail.Accepted, null, cancellationToken);
        await subscriptions.AddAsync(subscription, secret, cancellationToken);
        LogCreated(logger, subscription.Id, eventTypes);

        http.HttpContext.Response.Headers.Location = $"/api/subscriptions/{subscription.Id}";
        return Results.Json(
            new WebhookSubscriptionCreated(subscription.Id, subscription.Url, subscription.EventTypes, subscription.Description, secret, subscription.CreatedAt),
            ServiceOrdersJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        Results.Json(await subscriptions.ListAsync(cancellationToken), ServiceOrdersJson.Options);

    public async Task<IResult> GetAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await FindAsync(subscriptionId, cancellationToken) is { } subscription
            ? Results.Json(subscription, ServiceOrdersJson.Options)
            : NotFound(subscriptionId);

    public async Task<IResult> DeleteAsync(string subscriptionId, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(subscriptionId) || await FindAsync(subscriptionId, cancellationToken) is null)
        {
            return NotFound(subscriptionId);
        }

        await audit.RecordAsync(AuditTrail.SubscriptionSubject(subscriptionId), Caller.Of(http.HttpContext), "DeleteSubscription", null, null, AuditTrail.Accepted, null, cancellationToken);
        if (!await subscriptions.DeleteAsync(subscriptionId, cancellationToken))
        {
            return NotFound(subscriptionId);
        }

        // The subscription is gone first, so no dispatcher records anything for it any more; then its history.
        await deliveries.DeleteAllAsync(subscriptionId, cancellationToken);
        LogDeleted(logger, subscriptionId);
        return Results.NoContent();
    }

    public async Task<IResult> ListDeliveriesAsync(string subscriptionId, CancellationToken cancellationToken) =>
        await FindAsync(subscriptionId, cancellationToken) is null
            ? NotFound(subscriptionId)
            : Results.Json(await deliveries.ListRecentAsync(subscriptionId, RecentDeliveries, cancellationToken), ServiceOrdersJson.Options);

    /// <summary>
    /// A person sends an event to a subscription again (the receiver lost it, or was down until its tries ran out): the
    /// same event, from a first try with the subscription's retries. Only once its delivery has ended.
    /// </summary>
    public async Task<IResult> RedeliverAsync(string subscriptionId, string eventId, HttpRequest http, CancellationToken cancellationToken)
    {
        if (await FindAsync(subscriptionId, cancellationToken) is null)
        {
            return NotFound(subscriptionId);
        }

        if (eventId.Length > 200 || eventId.Any(char.IsControl))
        {
            return OrderApi.Problem(StatusCodes.Status404NotFound, ProblemTitles.DeliveryNotFound, "There is no such event.");
        }

        var (request, problem) = await HttpBodies.ReadOptionalJsonAsync(http, MaxBodyBytes, new RedeliveryRequest(), cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        if (request.Note is { } note && (note.Length > 500 || note.Any(char.IsControl)))
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidRequest, "note is at most 500 characters, no control characters.");
        }

        var (verdict, notification) = await deliveries.TakeForRedeliveryAsync(subscriptionId, eventId, cancellationToken);
        switch (verdict)
        {
            case RedeliveryVerdict.NotFound:
                return OrderApi.Problem(StatusCodes.Status404NotFound, ProblemTitles.DeliveryNotFound,
                    $"Event {Printable(eventId)} was not sent to subscription {subscriptionId}, or was sent before events were kept for redelivery.");
            case RedeliveryVerdict.UnderWay:
                return OrderApi.Problem(StatusCodes.Status409Conflict, ProblemTitles.DeliveryUnderWay,
                    $"Event {Printable(eventId)} is being delivered to subscription {subscriptionId}; ask again once its tries have ended.");
        }

        await audit.RecordAsync(AuditTrail.SubscriptionSubject(subscriptionId), Caller.Of(http.HttpContext), "Redeliver", null, request.Note, AuditTrail.Accepted, eventId, cancellationToken);
        await queue.EnqueueAsync(new WebhookDeliveryJob(subscriptionId, notification!, 1, options.Value.EffectiveRetryDelays.ToArray()), TimeSpan.Zero, cancellationToken);
        LogRedelivery(logger, eventId, subscriptionId);
        return Results.Json(new RedeliveryQueued(subscriptionId, eventId, true), ServiceOrdersJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Every problem with a new subscription, each with a reason code and the field it concerns.</summary>
    public static IReadOnlyList<ValidationError> Validate(
        CreateWebhookSubscription request, bool allowInsecureLoopback, out Uri? url, out IReadOnlyList<string> eventTypes)
    {
        var errors = new List<ValidationError>();
        url = null;
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            errors.Add(new(ReasonCodes.MissingField, "url", "url is required: the https URL events are POSTed to."));
        }
        else if (WebhookUrl.Check(request.Url, allowInsecureLoopback, out url) is { } why)
        {
            errors.Add(new(ReasonCodes.InvalidValue, "url", why));
        }

        eventTypes = [];
        if (request.EventTypes is null || request.EventTypes.Count == 0)
        {
            errors.Add(new(ReasonCodes.MissingField, "eventTypes", "eventTypes is required: one or more notification types, or \"*\" for all."));
        }
        else if (request.EventTypes.Count > MaxEventTypes)
        {
            errors.Add(new(ReasonCodes.InvalidValue, "eventTypes", $"eventTypes may list at most {MaxEventTypes} types."));
        }
        else if (request.EventTypes.Where(t => t is null || !KnownEventTypes.Contains(t)).ToList() is { Count: > 0 } unknown)
        {
            var known = string.Join(", ", KnownEventTypes.Order(StringComparer.Ordinal));
            errors.Add(new(WebhookReasonCodes.UnknownEventType, "eventTypes",
                $"Not an event type: {string.Join(", ", unknown.Select(t => $"'{Printable(t)}'"))}. Known: {known}."));
        }
        else
        {
            eventTypes = request.EventTypes.Select(t => t!).Distinct(StringComparer.Ordinal).ToArray();
        }

        if (request.Description is { } description && (description.Length > MaxDescriptionLength || description.Any(char.IsControl)))
        {
            errors.Add(new(ReasonCodes.InvalidValue, "description", $"description is at most {MaxDescriptionLength} characters, without control characters."));
        }

        return errors;
    }

    async Task<WebhookSubscription?> FindAsync(string subscriptionId, CancellationToken cancellationToken) =>
        IsPlausibleId(subscriptionId) ? await subscriptions.GetAsync(subscriptionId, cancellationToken) : null;

    /// <summary>Anything else cannot have been issued, and may hold characters a table key may not.</summary>
    static bool IsPlausibleId(string subscriptionId) => ServiceOrderValidator.IsValidId(subscriptionId);

    static IResult NotFound(string subscriptionId) => OrderApi.Problem(
        StatusCodes.Status404NotFound, "Subscription not found", $"There is no subscription {Printable(subscriptionId)}.");

    static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static string Printable(string? value) =>
        value is null ? "null" : value.Length > 80 || value.Any(char.IsControl) ? "(an unreadable value)" : value;

    static Task<(CreateWebhookSubscription? Value, IResult? Problem)> ReadBodyAsync(HttpRequest http, CancellationToken cancellationToken) =>
        HttpBodies.ReadJsonAsync<CreateWebhookSubscription>(http, MaxBodyBytes, cancellationToken, "Send { url, eventTypes, description } as JSON.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} created for {EventTypes}")]
    static partial void LogCreated(ILogger logger, string subscriptionId, IReadOnlyList<string> eventTypes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} deleted")]
    static partial void LogDeleted(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventId} queued again for subscription {SubscriptionId}")]
    static partial void LogRedelivery(ILogger logger, string eventId, string subscriptionId);
}

public static class WebhookReasonCodes
{
    /// <summary>A subscription asked for an event type that does not exist.</summary>
    public const string UnknownEventType = "UnknownEventType";
}

/// <summary>The optional body of a redelivery.</summary>
/// <param name="Note">Why, for the audit: at most 500 characters.</param>
public sealed record RedeliveryRequest(string? Note = null);

/// <summary>The answer to a redelivery: the event was queued for the subscription again.</summary>
public sealed record RedeliveryQueued(string SubscriptionId, string EventId, bool Accepted);
