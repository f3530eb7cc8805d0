namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// Who works on an order in exception: the body of <c>POST /api/exceptions/{orderId}/assign</c>. The assignment is shown
/// in the exceptions list and audited; it does not stop others from acting.
/// </summary>
/// <param name="Assignee">The person (1 to 64 characters, no control characters); null to release the order. A console user may only assign to themself unless they are an Approver.</param>
/// <param name="Reason">Why, as one of <see cref="AuditReasons"/>; optional.</param>
/// <param name="Note">At most 500 characters; optional.</param>
public sealed record ExceptionAssignment(string? Assignee, string? Reason = null, string? Note = null);
