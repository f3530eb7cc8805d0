using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Api.Webhooks;

namespace ServiceOrders.Functions.Triggers;

/// <summary>The webhook subscription routes as HTTP triggers: the same routes and handlers as the standalone host.</summary>
public sealed class WebhookHttpFunctions(WebhookSubscriptionApi api)
{
    [Function("CreateSubscription")]
    public async Task<IActionResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions")] HttpRequest req)
        => await WriteAsync(req, await api.CreateAsync(req, req.HttpContext.RequestAborted));

    [Function("ListSubscriptions")]
    public async Task<IActionResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions")] HttpRequest req)
        => await WriteAsync(req, await api.ListAsync(req.HttpContext.RequestAborted));

    [Function("GetSubscription")]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions/{subscriptionId}")] HttpRequest req,
        string subscriptionId)
        => await WriteAsync(req, await api.GetAsync(subscriptionId, req.HttpContext.RequestAborted));

    [Function("RedeliverSubscriptionEvent")]
    public async Task<IActionResult> RedeliverAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "subscriptions/{subscriptionId}/deliveries/{eventId}/redeliver")] HttpRequest req,
        string subscriptionId,
        string eventId)
        => await WriteAsync(req, await api.RedeliverAsync(subscriptionId, eventId, req, req.HttpContext.RequestAborted));

    [Function("DeleteSubscription")]
    public async Task<IActionResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "subscriptions/{subscriptionId}")] HttpRequest req,
        string subscriptionId)
        => await WriteAsync(req, await api.DeleteAsync(subscriptionId, req, req.HttpContext.RequestAborted));

    [Function("ListSubscriptionDeliveries")]
    public async Task<IActionResult> ListDeliveriesAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subscriptions/{subscriptionId}/deliveries")] HttpRequest req,
        string subscriptionId)
        => await WriteAsync(req, await api.ListDeliveriesAsync(subscriptionId, req.HttpContext.RequestAborted));

    /// <summary>The shared handlers answer with minimal API results; they write the response themselves.</summary>
    static async Task<IActionResult> WriteAsync(HttpRequest req, IResult result)
    {
        await result.ExecuteAsync(req.HttpContext);
        return new EmptyResult();
    }
}
