using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// Reads the enums that travel as names (those declared with <see cref="JsonStringEnumConverter{TEnum}"/>) by one
/// defined name only, in any case. The framework's converter also takes numbers, numeric strings ("2") and lists of
/// names ("Electric, Gas"), which it combines into a value the sender never named.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsEnum
        && typeToConvert.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } converter
        && converter.GetGenericTypeDefinition() == typeof(JsonStringEnumConverter<>);

    /// <inheritdoc/>
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;
}

/// <summary>One enum by name; see <see cref="StrictEnumConverterFactory"/>.</summary>
public sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    static readonly string[] Names = Enum.GetNames<TEnum>();

    /// <summary>One of the enum's names, in any case; anything else is a <see cref="JsonException"/> that lists the names.</summary>
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var name = text is null ? null : Array.Find(Names, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is null
            ? throw new JsonException($"{Describe(text)} is not a {typeof(TEnum).Name}: one of {string.Join(", ", Names)}")
            : Enum.Parse<TEnum>(name);
    }

    /// <summary>Names; a value without one (never read, so never sent to us) is written as its number rather than lost.</summary>
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        if (Enum.IsDefined(value))
        {
            writer.WriteStringValue(value.ToString());
        }
        else
        {
            writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    static string Describe(string? text) =>
        text is null ? "A value that is not a string" : text.Length > 40 || text.Any(char.IsControl) ? "The value" : $"'{text}'";
}
