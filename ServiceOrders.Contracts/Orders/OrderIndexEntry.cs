using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Orders;

/// <summary>Where an order stands, as the order list shows it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    Open,
    Exception,
    Completed,
    Rejected,
    Failed,
    Cancelled,
}

/// <summary>One order in the order list.</summary>
public sealed record OrderIndexEntry(
    string OrderId,
    string ServicePointId,
    RequestType RequestType,
    OrderStatus Status,
    string? ReasonCode,
    DateTimeOffset ReceivedAt,
    DateTimeOffset UpdatedAt);
