using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Api;

/// <summary>An order as the API shows it to the CIS and operators.</summary>
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

/// <summary>The answer to an accepted or repeated order submission.</summary>
public sealed record OrderAccepted(string OrderId, bool Duplicate, string StatusUrl);
