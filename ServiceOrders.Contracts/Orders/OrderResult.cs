using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

[JsonConverter(typeof(JsonStringEnumConverter<OrderOutcome>))]
public enum OrderOutcome
{
    Completed,
    Rejected,
    Failed,
    Cancelled,
}

/// <summary>How an order ended: the output of its orchestration.</summary>
public sealed record OrderResult(
    string OrderId,
    OrderOutcome Outcome,
    string? ReasonCode,
    string Detail,
    ServicePoint? FinalState,
    IReadOnlyList<Reading> Readings,
    IReadOnlyList<ValidationError>? Errors = null);
