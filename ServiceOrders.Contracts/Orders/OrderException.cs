using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Contracts.Orders;

/// <summary>An order that waits for a person, and why: one entry of <c>GET /api/exceptions</c>, oldest first.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="ServicePointId">Where.</param>
/// <param name="RequestType">What was requested.</param>
/// <param name="ReasonCode">Why, as a <see cref="ReasonCodes"/> or <see cref="DisconnectReasons"/> code.</param>
/// <param name="Detail">Why, in words (not clipped: the full text as the order raised it).</param>
/// <param name="StuckActivity">The activity the order could not get done; null when it is stuck on none.</param>
/// <param name="Since">When the order went to exceptions.</param>
/// <param name="ActivityId">
/// For a <see cref="ReasonCodes.ConflictingAnswer"/>: the activity or command whose answers disagree. It is an entry of its
/// own beside the order's, dismissed with <c>DELETE /api/exceptions/answers/{activityId}</c>; null for the order's own
/// exception.
/// </param>
/// <param name="Assignee">Who has taken the order on (<c>POST /api/exceptions/{orderId}/assign</c>); null while nobody has.</param>
/// <param name="AssignedAt">When it was assigned; null while nobody has it.</param>
public sealed record OrderException(
    string OrderId,
    string ServicePointId,
    RequestType RequestType,
    string ReasonCode,
    string Detail,
    ActivityKind? StuckActivity,
    DateTimeOffset Since,
    string? ActivityId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Assignee = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? AssignedAt = null);
