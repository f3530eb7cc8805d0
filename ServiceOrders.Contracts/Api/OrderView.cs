using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// An order as the API shows it to the CIS and operators: the answer of <c>GET /api/orders/{orderId}</c>. Fields an
/// order has not reached yet are null; the outcome fields are set once <see cref="RuntimeStatus"/> is
/// <c>Completed</c>.
/// </summary>
/// <param name="OrderId">The order's id: the CIS request id.</param>
/// <param name="RequestType">What was requested; null only if the engine's record of the request cannot be read.</param>
/// <param name="ServicePointId">Where; null as <paramref name="RequestType"/>.</param>
/// <param name="RuntimeStatus">Whether the orchestration runs or has ended.</param>
/// <param name="Phase">What the order is doing; null before it first published its progress.</param>
/// <param name="CurrentActivityId">The activity or command the order waits for (<c>{orderId}.{step}</c>); null when it waits for none.</param>
/// <param name="CurrentActivity">The kind of that activity; null with it.</param>
/// <param name="Outcome">How the order ended; null while it runs.</param>
/// <param name="ReasonCode">Why it was rejected, failed or cancelled (a <see cref="ReasonCodes"/> or <see cref="DisconnectReasons"/> code); null when completed or running.</param>
/// <param name="Detail">The outcome in words; or, when the orchestration failed, the engine's failure message; otherwise null.</param>
/// <param name="Errors">Every reason a rejected order was refused for; null otherwise.</param>
/// <param name="FinalState">The service point as the order left it; null while running or when the order never read it (unknown service point).</param>
/// <param name="Readings">Readings the order took; null while running.</param>
/// <param name="Timeline">What happened, oldest first; the newest entries only, within the bound of <see cref="OrderProgress.Bounded"/>.</param>
/// <param name="Exception">Why the order waits for a person; null unless <paramref name="Phase"/> is <c>Exception</c>.</param>
/// <param name="WaitingUntil">When the order's timed wait ends (service date, disconnect window, head-end slot, retry back-off); null when it waits for none.</param>
/// <param name="CreatedAt">When the order was accepted.</param>
/// <param name="LastUpdatedAt">When the engine last recorded a change.</param>
public sealed record OrderView(
    string OrderId,
    RequestType? RequestType,
    string? ServicePointId,
    EngineStatus RuntimeStatus,
    OrderPhase? Phase,
    string? CurrentActivityId,
    ActivityKind? CurrentActivity,
    OrderOutcome? Outcome,
    string? ReasonCode,
    string? Detail,
    IReadOnlyList<ValidationError>? Errors,
    ServicePoint? FinalState,
    IReadOnlyList<Reading>? Readings,
    IReadOnlyList<TimelineEntry> Timeline,
    ExceptionInfo? Exception,
    DateTimeOffset? WaitingUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>The answer to <c>POST /api/orders</c>: 202 for a new order, 200 for a request id that has one already.</summary>
/// <param name="OrderId">The order's id: the request id.</param>
/// <param name="Duplicate">True when an order with this id existed already; nothing new was started.</param>
/// <param name="StatusUrl">Where to follow the order: <c>/api/orders/{orderId}</c>, relative to the host.</param>
public sealed record OrderAccepted(string OrderId, bool Duplicate, string StatusUrl);
