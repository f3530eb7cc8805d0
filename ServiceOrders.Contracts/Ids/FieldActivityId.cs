using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>Identifies one piece of field work sent to the crew system: the order id and the step, as in `1042.3`.</summary>
/// <param name="Value">The id as it travels and is stored.</param>
[JsonConverter(typeof(TypedIdJsonConverter<FieldActivityId>))]
public readonly record struct FieldActivityId(string Value) : ITypedId<FieldActivityId>
{
    /// <inheritdoc/>
    public static FieldActivityId From(string value) => new(TypedId.Checked(value, "field activity"));

    /// <summary>The id itself.</summary>
    public override string ToString() => Value ?? string.Empty;
}
