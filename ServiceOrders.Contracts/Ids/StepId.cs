using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>
/// Identifies one step of an order that waits for an outside answer, whichever channel it went to: the id of its
/// head-end command (<see cref="CommandId"/>) or of its crew activity (<see cref="FieldActivityId"/>), as in `1042.4`.
/// </summary>
/// <param name="Value">The id as it travels and is stored.</param>
[JsonConverter(typeof(TypedIdJsonConverter<StepId>))]
public readonly record struct StepId(string Value) : ITypedId<StepId>
{
    /// <inheritdoc/>
    public static StepId From(string value) => new(TypedId.Checked(value, "step"));

    /// <summary>The step of a head-end command.</summary>
    public static StepId Of(CommandId command) => new(command.Value);

    /// <summary>The step of a crew activity.</summary>
    public static StepId Of(FieldActivityId activity) => new(activity.Value);

    /// <summary>The id itself.</summary>
    public override string ToString() => Value ?? string.Empty;
}
