using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Api;

/// <summary>What a bulk action does to each order it selected. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BulkActionKind>))]
public enum BulkActionKind
{
    /// <summary>Retry each order in exception.</summary>
    Retry,

    /// <summary>Skip the stuck activity of each order in exception.</summary>
    Skip,

    /// <summary>Cancel each order (open or in exception).</summary>
    Cancel,
}

/// <summary>Where a bulk action stands. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BulkActionState>))]
public enum BulkActionState
{
    /// <summary>Proposed; runs once a second person (an Approver other than the proposer) approves it.</summary>
    AwaitingApproval,

    /// <summary>Applying the action order by order.</summary>
    Running,

    /// <summary>Every order was tried; see each result.</summary>
    Completed,

    /// <summary>An Approver refused it; nothing was done.</summary>
    Refused,
}

/// <summary>
/// Which orders a bulk action is for: every order that matches all the given filters, at the moment of the proposal
/// (the selection is frozen then). Either <see cref="OrderIds"/> or at least one filter.
/// </summary>
/// <param name="Status"><c>Open</c> or <c>Exception</c>.</param>
/// <param name="RequestType">Only this request type.</param>
/// <param name="ReasonCode">Only exceptions with this reason code (e.g. <c>Timeout</c>).</param>
/// <param name="HeadEnd">Only orders whose exception or wait concerns this head-end (e.g. <c>HES-2</c>).</param>
/// <param name="ServicePointId">Only orders at this service point.</param>
/// <param name="From">Received at or after.</param>
/// <param name="To">Received at or before.</param>
/// <param name="OrderIds">Exactly these orders (at most 1,000).</param>
public sealed record BulkSelection(
    OrderStatus? Status = null,
    RequestType? RequestType = null,
    string? ReasonCode = null,
    string? HeadEnd = null,
    string? ServicePointId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    IReadOnlyList<string>? OrderIds = null);

/// <summary>
/// A bulk action asked for: the body of <c>POST /api/bulk-actions/preview</c> (nothing changes) and of
/// <c>POST /api/bulk-actions</c> (proposed; runs at once, or after approval when it needs one).
/// </summary>
/// <param name="Action">What to do to each order.</param>
/// <param name="Selection">Which orders.</param>
/// <param name="Reason">Why, as one of <see cref="AuditReasons"/>.</param>
/// <param name="Note">At most 500 characters; optional.</param>
public sealed record BulkActionRequest(BulkActionKind Action, BulkSelection Selection, string Reason, string? Note = null);

/// <summary>What a bulk action would do: the answer of <c>POST /api/bulk-actions/preview</c>.</summary>
/// <param name="Action">What would be done.</param>
/// <param name="Count">How many orders it selects (at most 5,000 can be selected).</param>
/// <param name="NeedsApproval">Whether it would wait for a second person's approval.</param>
/// <param name="ApprovalThreshold">Cancel and skip over this many orders need approval.</param>
/// <param name="Orders">Each selected order and what would happen to it.</param>
public sealed record BulkPreview(BulkActionKind Action, int Count, bool NeedsApproval, int ApprovalThreshold, IReadOnlyList<BulkPreviewItem> Orders);

/// <summary>One order a bulk action selects.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="ServicePointId">Where.</param>
/// <param name="RequestType">What was requested.</param>
/// <param name="Status">Where it stands now.</param>
/// <param name="ReasonCode">Why it is in exception; null otherwise.</param>
/// <param name="Effect">What the action will do to it, in words (e.g. "cancelled; the disconnect already carried out is reconnected").</param>
public sealed record BulkPreviewItem(string OrderId, string ServicePointId, RequestType RequestType, OrderStatus Status, string? ReasonCode, string Effect);

/// <summary>A bulk action: <c>GET /api/bulk-actions/{id}</c>, and an entry of <c>GET /api/bulk-actions</c> (without results).</summary>
/// <param name="Id">Its id, <c>bulk_</c> and 32 hex digits.</param>
/// <param name="Action">What it does.</param>
/// <param name="Selection">The filters it was proposed with.</param>
/// <param name="Reason">Why (an <see cref="AuditReasons"/> code).</param>
/// <param name="Note">The proposer's note.</param>
/// <param name="ProposedBy">Who proposed it.</param>
/// <param name="ProposedAt">When.</param>
/// <param name="State">Where it stands.</param>
/// <param name="DecidedBy">Who approved or refused it; null while none has, and when it needed no approval.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="DecisionNote">The approver's note.</param>
/// <param name="Total">How many orders it selected (frozen at proposal).</param>
/// <param name="Applied">How many were acted on.</param>
/// <param name="Refused">How many could not be (ended meanwhile, not in exception any more, ...).</param>
/// <param name="Results">Each order's result, in selection order; null in lists.</param>
public sealed record BulkActionView(
    string Id,
    BulkActionKind Action,
    BulkSelection Selection,
    string Reason,
    string? Note,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    BulkActionState State,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    int Total,
    int Applied,
    int Refused,
    IReadOnlyList<BulkOrderResult>? Results);

/// <summary>What a bulk action did to one order.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Outcome"><c>Pending</c>, <c>Applied</c> or <c>Refused</c>.</param>
/// <param name="Detail">For <c>Refused</c>, why (the API's problem title); null otherwise.</param>
public sealed record BulkOrderResult(string OrderId, string Outcome, string? Detail = null);

/// <summary>An Approver's decision: the body of <c>POST /api/bulk-actions/{id}/approve</c> and <c>/refuse</c>.</summary>
/// <param name="Note">At most 500 characters; optional.</param>
public sealed record BulkDecision(string? Note = null);
