using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Ids;

/// <summary>
/// An identifier with a type of its own, so that an order id cannot be passed where a service point id is expected.
/// On the wire each one is the plain string it wraps: typing ids changes no message.
/// </summary>
/// <typeparam name="TSelf">The id type itself.</typeparam>
public interface ITypedId<TSelf>
    where TSelf : struct, ITypedId<TSelf>
{
    /// <summary>The id as it travels and is stored.</summary>
    string Value { get; }

    /// <summary>Wraps <paramref name="value"/>, which must not be empty or blank.</summary>
    /// <exception cref="ArgumentException">The value is empty or blank.</exception>
    static abstract TSelf From(string value);
}

/// <summary>Checks shared by every typed id.</summary>
public static class TypedId
{
    /// <summary>The value itself when it is a usable id; otherwise an <see cref="ArgumentException"/> naming the id type.</summary>
    /// <param name="value">The text to wrap.</param>
    /// <param name="kind">What the id identifies, for the message.</param>
    public static string Checked(string? value, string kind) =>
        string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"A {kind} id must not be empty.", nameof(value)) : value;
}

/// <summary>Writes a typed id as its string and reads it from one; anything else is a <see cref="JsonException"/>.</summary>
/// <typeparam name="TId">The id type.</typeparam>
public sealed class TypedIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, ITypedId<TId>
{
    /// <inheritdoc/>
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return string.IsNullOrWhiteSpace(text)
            ? throw new JsonException($"A {typeof(TId).Name} must be a non-empty string.")
            : TId.From(text);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    /// <inheritdoc/>
    public override TId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TId.From(reader.GetString()!);

    /// <inheritdoc/>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}
