using System.Text.Json;

namespace ServiceOrders.Contracts.Api;

/// <summary>JSON settings shared by the HTTP API, the queues and the durable payloads of both hosts.</summary>
public static class ServiceOrdersJson
{
    /// <summary>
    /// camelCase on the wire; constructor parameters without a default are required and non-nullable properties may
    /// not be null, so a missing field is an error rather than a silent default. A property given twice is an error,
    /// not "the last one wins": a sender and the product would read different requests. Enum values are names only.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        AllowDuplicateProperties = false,
        MaxDepth = 32,
        Converters = { new StrictEnumConverterFactory() },
    };
}
