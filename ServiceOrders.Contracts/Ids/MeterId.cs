using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>Identifies a meter, as the registry and the head-end name it.</summary>
/// <param name="Value">The id as it travels and is stored.</param>
[JsonConverter(typeof(TypedIdJsonConverter<MeterId>))]
public readonly record struct MeterId(string Value) : ITypedId<MeterId>
{
    /// <inheritdoc/>
    public static MeterId From(string value) => new(TypedId.Checked(value, "meter"));

    /// <summary>The id itself.</summary>
    public override string ToString() => Value ?? string.Empty;
}
