namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// One change a person (or a system) made, as <c>GET /api/orders/{orderId}/audit</c> and the order page show it: who, when,
/// what and why. Entries are written before the change is passed on and never changed afterwards.
/// </summary>
/// <param name="At">When the change was asked for.</param>
/// <param name="Actor">Who: the person the console acted for, or the calling system's name.</param>
/// <param name="Action">What, e.g. <c>Retry</c>, <c>Skip</c>, <c>RecordDone</c>, <c>Cancel</c>, <c>Assign</c>, <c>DismissAnswerConflict</c>.</param>
/// <param name="Reason">Why, as the person chose it from the list of reasons; null when none was asked.</param>
/// <param name="Note">Free text the person added; null when none.</param>
/// <param name="Outcome">What the API answered: <c>Accepted</c>, or the refusal's title.</param>
/// <param name="Target">What it was done to when not the order itself (an activity id, a subscription id); null otherwise.</param>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Action,
    string? Reason,
    string? Note,
    string Outcome,
    string? Target = null);
