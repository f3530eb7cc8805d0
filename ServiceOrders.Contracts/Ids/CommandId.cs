using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>Identifies one command sent to a head-end: the order id and the step, as in `1042.4`.</summary>
/// <param name="Value">The id as it travels and is stored.</param>
[JsonConverter(typeof(TypedIdJsonConverter<CommandId>))]
public readonly record struct CommandId(string Value) : ITypedId<CommandId>
{
    /// <inheritdoc/>
    public static CommandId From(string value) => new(TypedId.Checked(value, "command"));

    /// <summary>The id itself.</summary>
    public override string ToString() => Value ?? string.Empty;
}
