using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServiceOrders.Api.Operators;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>The operators' routes (audit, assignment, bulk actions) as HTTP triggers: the same routes and handlers as the standalone host.</summary>
public sealed class OperatorHttpFunctions(OperatorApi operators, BulkActionApi bulk)
{
    [Function("GetOrderAudit")]
    public async Task<IActionResult> GetOrderAuditAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "orders/{orderId}/audit")] HttpRequest req,
        string orderId)
        => await WriteAsync(req, await operators.GetAuditAsync(orderId, req.HttpContext.RequestAborted));

    [Function("AssignException")]
    public async Task<IActionResult> AssignExceptionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "exceptions/{orderId}/assign")] HttpRequest req,
        string orderId)
        => await WriteAsync(req, await operators.AssignAsync(orderId, req, req.HttpContext.RequestAborted));

    [Function("PreviewBulkAction")]
    public async Task<IActionResult> PreviewBulkActionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "bulk-actions/preview")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await bulk.PreviewAsync(new DurableFunctionsOrderEngine(client), req, req.HttpContext.RequestAborted));

    [Function("ProposeBulkAction")]
    public async Task<IActionResult> ProposeBulkActionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "bulk-actions")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
        => await WriteAsync(req, await bulk.ProposeAsync(new DurableFunctionsOrderEngine(client), req, req.HttpContext.RequestAborted));

    [Function("ListBulkActions")]
    public async Task<IActionResult> ListBulkActionsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "bulk-actions")] HttpRequest req)
        => await WriteAsync(req, await bulk.ListAsync(req.HttpContext.RequestAborted));

    [Function("GetBulkAction")]
    public async Task<IActionResult> GetBulkActionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "bulk-actions/{bulkActionId}")] HttpRequest req,
        string bulkActionId)
        => await WriteAsync(req, await bulk.GetAsync(bulkActionId, req.HttpContext.RequestAborted));

    [Function("ApproveBulkAction")]
    public async Task<IActionResult> ApproveBulkActionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "bulk-actions/{bulkActionId}/approve")] HttpRequest req,
        string bulkActionId)
        => await WriteAsync(req, await bulk.ApproveAsync(bulkActionId, req, req.HttpContext.RequestAborted));

    [Function("RefuseBulkAction")]
    public async Task<IActionResult> RefuseBulkActionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "bulk-actions/{bulkActionId}/refuse")] HttpRequest req,
        string bulkActionId)
        => await WriteAsync(req, await bulk.RefuseAsync(bulkActionId, req, req.HttpContext.RequestAborted));

    /// <summary>The shared handlers answer with minimal API results; they write the response themselves.</summary>
    static async Task<IActionResult> WriteAsync(HttpRequest req, IResult result)
    {
        await result.ExecuteAsync(req.HttpContext);
        return new EmptyResult();
    }
}
