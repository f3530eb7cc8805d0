using System.Globalization;
using System.Text.Json;

namespace ServiceOrders.Cli.Integration;

/// <summary>Reading documented fields from JSON documents, without the product's types.</summary>
internal static class JsonFields
{
    /// <summary>The value of a string property, or null when it is missing or not a string.</summary>
    public static string? Text(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A property of the given kind, or null.</summary>
    public static JsonElement? Member(this JsonElement element, string name, JsonValueKind kind) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == kind ? value : null;

    /// <summary>Nested string properties: <c>Path(e, "finalState", "meter", "switch")</c>.</summary>
    public static string? Path(this JsonElement element, params string[] names)
    {
        var current = element;
        foreach (var name in names[..^1])
        {
            if (current.Member(name, JsonValueKind.Object) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current.Text(names[^1]);
    }

    /// <summary>A JSON string literal, escaped.</summary>
    public static string Quote(string value) => JsonSerializer.Serialize(value);

    /// <summary>Parses a response or request body that should be a JSON object; null when it is not one.</summary>
    public static JsonElement? ParseObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static JsonElement? ParseArray(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static bool IsTimestamp(string? text) => Timestamp(text) is not null;

    public static DateTimeOffset? Timestamp(string? text) =>
        text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;
}
