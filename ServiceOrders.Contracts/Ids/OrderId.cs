using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>Identifies one service order, and its durable orchestration: the product hands it out at intake.</summary>
/// <param name="Value">The id as it travels and is stored.</param>
[JsonConverter(typeof(TypedIdJsonConverter<OrderId>))]
public readonly record struct OrderId(string Value) : ITypedId<OrderId>
{
    /// <inheritdoc/>
    public static OrderId From(string value) => new(TypedId.Checked(value, "order"));

    /// <summary>The id itself.</summary>
    public override string ToString() => Value ?? string.Empty;
}
