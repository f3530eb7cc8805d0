using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServiceOrders.Api;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>The product's HTTP API as HTTP triggers: the same routes and handlers as the standalone host.</summary>
public sealed class HttpApiFunctions(OrderApi api)
{
    [Function("SubmitOrder")]
    public async Task<IActionResult> SubmitOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.SubmitOrderAsync(new DurableFunctionsOrderEngine(client), req, req.HttpContext.RequestAborted));

    [Function("ListOrders")]
    public async Task<IActionResult> ListOrdersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders")] HttpRequest req)
        => await WriteAsync(req, await api.ListOrdersAsync(req, req.HttpContext.RequestAborted));

    [Function("GetOrder")]
    public async Task<IActionResult> GetOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}")] HttpRequest req,
        string orderId,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.GetOrderAsync(new DurableFunctionsOrderEngine(client), orderId, req.HttpContext.RequestAborted));

    [Function("CompleteFieldActivity")]
    public async Task<IActionResult> CompleteFieldActivityAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "field-activities/{activityId}/completion")] HttpRequest req,
        string activityId,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.CompleteFieldActivityAsync(new DurableFunctionsOrderEngine(client), activityId, req, req.HttpContext.RequestAborted));

    [Function("ReportCommandResult")]
    public async Task<IActionResult> ReportCommandResultAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "headend/commands/{commandId}/result")] HttpRequest req,
        string commandId,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.ReportCommandResultAsync(new DurableFunctionsOrderEngine(client), commandId, req, req.HttpContext.RequestAborted));

    [Function("CancelOrder")]
    public async Task<IActionResult> CancelOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/cancel")] HttpRequest req,
        string orderId,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.CancelOrderAsync(new DurableFunctionsOrderEngine(client), orderId, req, req.HttpContext.RequestAborted));

    [Function("UpdateOrder")]
    public async Task<IActionResult> UpdateOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/update")] HttpRequest req,
        string orderId,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.UpdateOrderAsync(new DurableFunctionsOrderEngine(client), orderId, req, req.HttpContext.RequestAborted));

    [Function("ActOnOrder")]
    public async Task<IActionResult> ActOnOrderAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "orders/{orderId}/actions")] HttpRequest req,
        string orderId,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await api.ActOnOrderAsync(new DurableFunctionsOrderEngine(client), orderId, req, req.HttpContext.RequestAborted));

    [Function("ListExceptions")]
    public async Task<IActionResult> ListExceptionsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "exceptions")] HttpRequest req)
        => await WriteAsync(req, await api.ListExceptionsAsync(req.HttpContext.RequestAborted));

    [Function("DismissAnswerConflict")]
    public async Task<IActionResult> DismissAnswerConflictAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "exceptions/answers/{activityId}")] HttpRequest req,
        string activityId)
        => await WriteAsync(req, await api.DismissAnswerConflictAsync(activityId, req, req.HttpContext.RequestAborted));

    [Function("PutServicePoint")]
    public async Task<IActionResult> PutServicePointAsync(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "service-points/{servicePointId}")] HttpRequest req,
        string servicePointId)
        => await WriteAsync(req, await api.PutServicePointAsync(servicePointId, req, req.HttpContext.RequestAborted));

    [Function("GetServicePoint")]
    public async Task<IActionResult> GetServicePointAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "service-points/{servicePointId}")] HttpRequest req,
        string servicePointId)
        => await WriteAsync(req, await api.GetServicePointAsync(servicePointId, req.HttpContext.RequestAborted));

    [Function("Health")]
    public IActionResult Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req) =>
        new OkObjectResult(new { status = "Healthy" });

    /// <summary>The shared handlers answer with minimal API results; they write the response themselves.</summary>
    static async Task<IActionResult> WriteAsync(HttpRequest req, IResult result)
    {
        await result.ExecuteAsync(req.HttpContext);
        return new EmptyResult();
    }
}
