using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.Operators;

/// <summary>An order's audit trail, and taking an order in exception on.</summary>
public sealed class OperatorApi(IExceptionQueue exceptions, AuditTrail audit, TimeProvider time)
{
    const int MaxBodyBytes = 8 * 1024;

    public async Task<IResult> GetAuditAsync(string orderId, CancellationToken cancellationToken) =>
        !ServiceOrderValidator.IsValidId(orderId)
            ? OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidOrderId, "Order ids are 1 to 64 letters, digits, '-' or '_'.")
            : Results.Json(await audit.ListAsync(orderId, cancellationToken), ServiceOrdersJson.Options);

    /// <summary>
    /// Gives an order in exception to a person, or to nobody. A person may take it on or release it themself; giving it
    /// to someone else needs an Approver. The assignment is audited before it is made.
    /// </summary>
    public async Task<IResult> AssignAsync(string orderId, HttpRequest http, CancellationToken cancellationToken)
    {
        if (!ServiceOrderValidator.IsValidId(orderId))
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidOrderId, "Order ids are 1 to 64 letters, digits, '-' or '_'.");
        }

        var (assignment, problem) = await HttpBodies.ReadJsonAsync<ExceptionAssignment>(http, MaxBodyBytes, cancellationToken);
        if (assignment is null)
        {
            return problem!;
        }

        var assignee = assignment.Assignee?.Trim();
        if (assignee is not null && !Caller.IsValidActor(assignee))
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidRequest, "assignee is 1 to 64 characters without control characters, or null to release the order.");
        }

        if (assignment.Note is { } note && (note.Length > 500 || note.Any(char.IsControl)))
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidRequest, "note is at most 500 characters, no control characters.");
        }

        var caller = Caller.Of(http.HttpContext);
        if (AuditTrail.CheckReason(caller, assignment.Reason) is { } noReason)
        {
            return noReason;
        }

        if (caller.IsPerson && assignee is not null && assignee != caller.Actor && !caller.HasRole(ConsoleRoles.Approver))
        {
            return RouteRoles.RoleRequired(ConsoleRoles.Approver);
        }

        var listed = (await exceptions.ListAsync(cancellationToken)).Any(e => e.OrderId == orderId && e.ActivityId is null);
        if (!listed)
        {
            return OrderApi.Problem(StatusCodes.Status404NotFound, ProblemTitles.ExceptionNotFound, $"Order {orderId} is not on the exceptions list.");
        }

        await audit.RecordAsync(orderId, caller, "Assign", assignment.Reason, assignment.Note, AuditTrail.Accepted, assignee ?? "(nobody)", cancellationToken);
        var assigned = await exceptions.AssignAsync(new OrderId(orderId), assignee, time.GetUtcNow(), cancellationToken);
        return assigned is null
            ? OrderApi.Problem(StatusCodes.Status404NotFound, ProblemTitles.ExceptionNotFound, $"Order {orderId} left the exceptions list.")
            : Results.Json(assigned, ServiceOrdersJson.Options);
    }
}
