using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>Identifies a service point, the place where a utility delivers a commodity, as the CIS and the registry name it.</summary>
/// <param name="Value">The id as it travels and is stored.</param>
[JsonConverter(typeof(TypedIdJsonConverter<ServicePointId>))]
public readonly record struct ServicePointId(string Value) : ITypedId<ServicePointId>
{
    /// <inheritdoc/>
    public static ServicePointId From(string value) => new(TypedId.Checked(value, "service point"));

    /// <summary>The id itself.</summary>
    public override string ToString() => Value ?? string.Empty;
}
