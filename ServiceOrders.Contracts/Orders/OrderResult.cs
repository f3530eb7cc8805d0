using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

/// <summary>How an order ended. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderOutcome>))]
public enum OrderOutcome
{
    /// <summary>The goal of the request was reached.</summary>
    Completed,

    /// <summary>The request was refused before any work: see the errors.</summary>
    Rejected,

    /// <summary>The goal was not reached: the reason code says why.</summary>
    Failed,

    /// <summary>The CIS or an operator called the order off.</summary>
    Cancelled,
}

/// <summary>How an order ended: the output of its orchestration, shown in <see cref="Api.OrderView"/>.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="ReasonCode">Why it did not complete; null when completed.</param>
/// <param name="Detail">The outcome in words.</param>
/// <param name="FinalState">The service point as the order left it; null when the order never read it.</param>
/// <param name="Readings">Readings the order took, oldest first; empty when none.</param>
/// <param name="Errors">For <c>Rejected</c>, every reason; null otherwise.</param>
public sealed record OrderResult(
    string OrderId,
    OrderOutcome Outcome,
    string? ReasonCode,
    string Detail,
    ServicePoint? FinalState,
    IReadOnlyList<Reading> Readings,
    IReadOnlyList<ValidationError>? Errors = null);
