using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Api.Operators;

/// <summary>The routes of the people who run orders: an order's audit, assigning exceptions, bulk actions.</summary>
public static class OperatorRoutes
{
    public const string BulkTag = "Bulk actions";

    public static RouteGroupBuilder MapOperatorRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/orders/{orderId}/audit", (string orderId, OperatorApi operators, CancellationToken ct) => operators.GetAuditAsync(orderId, ct))
            .WithName("GetOrderAudit")
            .WithTags(ApiRoutes.OrdersTag)
            .WithSummary("An order's audit trail")
            .WithDescription("Every change asked for through the API (actions, cancel, update, assignment, dismissed answer conflicts, bulk actions), oldest first: who, when, what, why and what the API answered.")
            .Answers<IReadOnlyList<AuditEntry>>(StatusCodes.Status200OK, "The entries, oldest first; empty when nobody changed the order.")
            .Problem(StatusCodes.Status400BadRequest, "The order id is not valid.");

        api.MapPost("/exceptions/{orderId}/assign", (string orderId, HttpRequest req, OperatorApi operators, CancellationToken ct) => operators.AssignAsync(orderId, req, ct))
            .WithName("AssignException")
            .WithTags(ApiRoutes.OperatorsTag)
            .WithSummary("Take an order in exception on, or release it")
            .WithDescription("Sets who works on the order (assignee null releases it). A person may assign only themself unless an Approver; a person gives a reason. Audited; others may still act.")
            .Accepts<ExceptionAssignment>(OpenApiDescriptions.Json)
            .Answers<OrderException>(StatusCodes.Status200OK, "The exceptions list's entry, with its assignee.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid, or a person gave no reason.")
            .Problem(StatusCodes.Status403Forbidden, "The caller lacks the role, or assigned someone else without being an Approver.")
            .Problem(StatusCodes.Status404NotFound, "The order is not on the exceptions list.");

        api.MapPost("/bulk-actions/preview", (HttpRequest req, BulkActionApi bulk, IOrderEngine engine, CancellationToken ct) => bulk.PreviewAsync(engine, req, ct))
            .WithName("PreviewBulkAction")
            .WithTags(BulkTag)
            .WithSummary("Preview a bulk action")
            .WithDescription("Which orders the selection matches now and what the action would do to each; whether it would need a second person's approval. Nothing changes.")
            .Accepts<BulkActionRequest>(OpenApiDescriptions.Json)
            .Answers<BulkPreview>(StatusCodes.Status200OK, "The orders and the effect on each.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed, no reason, or the selection is empty of filters, contradictory or over 5,000 orders.");

        api.MapPost("/bulk-actions", (HttpRequest req, BulkActionApi bulk, IOrderEngine engine, CancellationToken ct) => bulk.ProposeAsync(engine, req, ct))
            .WithName("ProposeBulkAction")
            .WithTags(BulkTag)
            .WithSummary("Propose a bulk action")
            .WithDescription("Freezes the selection. Runs at once, or, for a cancel or skip over Operations:BulkApprovalThreshold orders, once an Approver other than the proposer approves it. Each order is acted on at most once, also across restarts.")
            .Accepts<BulkActionRequest>(OpenApiDescriptions.Json)
            .Answers<BulkActionView>(StatusCodes.Status202Accepted, "The bulk action, running or awaiting approval; follow it at its Location.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed, no reason, or the selection is invalid or matches no order.");

        api.MapGet("/bulk-actions", (BulkActionApi bulk, CancellationToken ct) => bulk.ListAsync(ct))
            .WithName("ListBulkActions")
            .WithTags(BulkTag)
            .WithSummary("List bulk actions")
            .WithDescription("Every bulk action, newest first, with its state and counts (without per-order results).")
            .Answers<IReadOnlyList<BulkActionView>>(StatusCodes.Status200OK, "The bulk actions.");

        api.MapGet("/bulk-actions/{bulkActionId}", (string bulkActionId, BulkActionApi bulk, CancellationToken ct) => bulk.GetAsync(bulkActionId, ct))
            .WithName("GetBulkAction")
            .WithTags(BulkTag)
            .WithSummary("Get a bulk action")
            .WithDescription("Its state, progress and the result for each order.")
            .Answers<BulkActionView>(StatusCodes.Status200OK, "The bulk action with its results.")
            .Problem(StatusCodes.Status404NotFound, "There is no such bulk action.");

        api.MapPost("/bulk-actions/{bulkActionId}/approve", (string bulkActionId, HttpRequest req, BulkActionApi bulk, CancellationToken ct) => bulk.ApproveAsync(bulkActionId, req, ct))
            .WithName("ApproveBulkAction")
            .WithTags(BulkTag)
            .WithSummary("Approve a bulk action")
            .WithDescription("An Approver who did not propose it lets it run.")
            .Accepts<BulkDecision>(OpenApiDescriptions.Json)
            .Answers<BulkActionView>(StatusCodes.Status200OK, "Approved; it runs.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed.")
            .Problem(StatusCodes.Status403Forbidden, "The caller is no Approver, or proposed it (a second person must approve).")
            .Problem(StatusCodes.Status404NotFound, "There is no such bulk action.")
            .Problem(StatusCodes.Status409Conflict, "It was decided already, or needed no approval.");

        api.MapPost("/bulk-actions/{bulkActionId}/refuse", (string bulkActionId, HttpRequest req, BulkActionApi bulk, CancellationToken ct) => bulk.RefuseAsync(bulkActionId, req, ct))
            .WithName("RefuseBulkAction")
            .WithTags(BulkTag)
            .WithSummary("Refuse a bulk action")
            .WithDescription("An Approver stops it before it runs; nothing is done to its orders.")
            .Accepts<BulkDecision>(OpenApiDescriptions.Json)
            .Answers<BulkActionView>(StatusCodes.Status200OK, "Refused.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed.")
            .Problem(StatusCodes.Status404NotFound, "There is no such bulk action.")
            .Problem(StatusCodes.Status409Conflict, "It was decided already, or needed no approval.");
        return api;
    }
}
