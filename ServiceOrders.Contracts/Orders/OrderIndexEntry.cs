using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

/// <summary>Where an order stands, as the order list (<c>GET /api/orders?status=</c>) shows it. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    /// <summary>Running: being evaluated, waiting for a date, a crew or a head-end.</summary>
    Open,

    /// <summary>Waiting for a person (<c>GET /api/exceptions</c>).</summary>
    Exception,

    /// <summary>Ended with its goal reached.</summary>
    Completed,

    /// <summary>Ended refused: invalid, not possible at the service point, or in conflict.</summary>
    Rejected,

    /// <summary>Ended without reaching its goal.</summary>
    Failed,

    /// <summary>Ended cancelled by the CIS or an operator.</summary>
    Cancelled,
}

/// <summary>One order in the order list: an entry of <c>GET /api/orders</c>, newest first.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="ServicePointId">Where.</param>
/// <param name="RequestType">What was requested.</param>
/// <param name="Status">Where the order stands.</param>
/// <param name="ReasonCode">For <c>Exception</c>, <c>Rejected</c>, <c>Failed</c> and <c>Cancelled</c>, why; null otherwise.</param>
/// <param name="ReceivedAt">When the order was received; the list's <c>from</c> and <c>to</c> filter on it.</param>
/// <param name="UpdatedAt">When the entry last changed.</param>
/// <param name="Commodity">What the service point delivers; null for entries written before it was kept.</param>
/// <param name="MeterClass">The meter's class when the order last looked; null when there is no meter or it was not kept.</param>
/// <param name="RequestingSystem">The system that sent the request (the request's <c>requestingSystem</c>); null when not kept.</param>
/// <param name="WaitingFor">
/// While open, what the order waits for, as a code: <c>ServiceDate</c>, <c>Deferral:&lt;rule&gt;</c> (a deferral rule's
/// name), <c>Crew</c>, <c>HeadEnd:&lt;head-end&gt;</c>, <c>Admission</c>; null when not waiting or not kept.
/// </param>
/// <param name="WaitingUntil">Until when that wait lasts (a service date, a rule's window, a deadline); null when open-ended.</param>
public sealed record OrderIndexEntry(
    string OrderId,
    string ServicePointId,
    RequestType RequestType,
    OrderStatus Status,
    string? ReasonCode,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Commodity? Commodity = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MeterClass? MeterClass = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestingSystem = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WaitingFor = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? WaitingUntil = null);
