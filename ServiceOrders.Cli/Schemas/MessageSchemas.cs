using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Cli.Schemas;

/// <summary>One message format: the name of its schema file and the contract type it is generated from.</summary>
/// <param name="Name">The file's name without <see cref="MessageSchemas.Extension"/>, as README examples name it.</param>
/// <param name="Type">The contract type, serialized with <see cref="ServiceOrdersJson.Options"/>.</param>
internal sealed record MessageSchema(string Name, Type Type)
{
    public string FileName => Name + MessageSchemas.Extension;
}

/// <summary>
/// The JSON Schema (draft 2020-12) of every message on the product's queues, topic and webhooks, generated from the
/// contract types with the serializer's own settings, so that names, enum values, required fields and nullability
/// are those of the wire. Titles and descriptions come from the contracts' XML documentation. The output is stable:
/// the same contracts give the same bytes.
/// </summary>
internal static class MessageSchemas
{
    public const string Extension = ".schema.json";

    public const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    /// <summary>The command that writes the checked-in files, for the generated comment and for failure messages.</summary>
    public const string RegenerateCommand = "dotnet run --project ServiceOrders.Cli -- schemas --out docs/schemas";

    /// <summary>Every message format, in the order of their journey: request, replies, work, answers, set-asides, events.</summary>
    public static IReadOnlyList<MessageSchema> All { get; } =
    [
        new("service-order-request", typeof(ServiceOrderRequest)),
        new("cis-reply", typeof(CisReply)),
        new("field-dispatch", typeof(FieldDispatch)),
        new("field-cancellation", typeof(FieldCancellation)),
        new("field-completion", typeof(FieldCompletion)),
        new("headend-command", typeof(HeadEndCommand)),
        new("headend-result", typeof(HeadEndResult)),
        new("headend-result-message", typeof(HeadEndResultMessage)),
        new("intake-poison-message", typeof(IntakePoisonMessage)),
        new("headend-result-poison-message", typeof(HeadEndResultPoisonMessage)),
        new("subscriber-notification", typeof(SubscriberNotification)),
        new("subscriber-cloud-event", typeof(SubscriberCloudEvent)),
        new("webhook-delivery-job", typeof(WebhookDeliveryJob)),
    ];

    static readonly JsonSerializerOptions Output = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        // Descriptions keep their apostrophes, arrows and dashes readable; the files are documents, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Each schema file's name and text (UTF-8, two-space indents, a newline at the end).</summary>
    public static IReadOnlyList<(string FileName, string Text)> Generate()
    {
        var docs = XmlDocs.Of(typeof(CisReply).Assembly);
        return All.Select(schema => (schema.FileName, Render(Export(schema.Type, docs)))).ToList();
    }

    static string Render(JsonNode schema) => schema.ToJsonString(Output) + "\n";

    static JsonNode Export(Type type, XmlDocs docs)
    {
        // What the first serialization does anyway: the default resolver, and no more changes.
        ServiceOrdersJson.Options.MakeReadOnly(populateMissingResolver: true);
        var schema = ServiceOrdersJson.Options.GetJsonSchemaAsNode(type, new JsonSchemaExporterOptions
        {
            // Collection elements and the message itself are never null on the wire.
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = (context, node) => Complete(context, node, docs),
        });
        var root = new JsonObject
        {
            ["$schema"] = Dialect,
            ["$comment"] = $"Generated from the {type.Name} contract by `{RegenerateCommand}`; do not edit.",
            ["title"] = type.Name,
        };
        foreach (var (key, value) in schema.AsObject())
        {
            root[key] = value?.DeepClone();
        }

        return root;
    }

    /// <summary>
    /// Completes the schema of an object: each property in its wire form, with its documentation. This is done from
    /// the object rather than per property, since the exporter does not pass every property through the transform (a
    /// property whose converter it cannot see into and that has a default comes out as just the default).
    /// An object that is not itself a property (the message, a list's items) gets its type's documentation.
    /// </summary>
    static JsonNode Complete(JsonSchemaExporterContext context, JsonNode node, XmlDocs docs)
    {
        if (context.TypeInfo.Kind != JsonTypeInfoKind.Object || node is not JsonObject schema)
        {
            return node;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var property in context.TypeInfo.Properties)
            {
                if (properties[property.Name] is { } propertySchema)
                {
                    var description = docs.Property(property.DeclaringType, ClrName(property)) ?? docs.Type(property.PropertyType);
                    properties[property.Name] = WithDescription(WireForm(property.PropertyType, propertySchema, docs, description));
                }
            }
        }

        return context.PropertyInfo is null ? WithDescription(schema, docs.Type(context.TypeInfo.Type)) : schema;
    }

    /// <summary>
    /// Enums and typed ids have converters of their own, which the exporter cannot see into (it says "anything"):
    /// enums travel as one of their names, listed with what each means; typed ids as a non-empty string.
    /// </summary>
    static (JsonNode Schema, string? Description) WireForm(Type type, JsonNode schema, XmlDocs docs, string? description)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        var valueType = underlying ?? type;
        var nullable = underlying is not null;
        JsonObject form;
        if (valueType.IsEnum && new StrictEnumConverterFactory().CanConvert(valueType))
        {
            var names = new JsonArray(Enum.GetNames(valueType).Select(n => (JsonNode?)JsonValue.Create(n)).ToArray());
            if (nullable)
            {
                names.Add(null);
            }

            form = new JsonObject { ["type"] = TypeName("string", nullable), ["enum"] = names };
            var values = Enum.GetNames(valueType).Select(n => $"- {n}: {docs.Field(valueType, n)}");
            description = $"{description ?? docs.Type(valueType)}\n{string.Join("\n", values)}";
        }
        else if (valueType.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ITypedId<>)))
        {
            form = new JsonObject { ["type"] = TypeName("string", nullable), ["minLength"] = 1 };
        }
        else
        {
            return (schema, description);
        }

        // Keep what the exporter knew of the property, such as its default.
        if (schema is JsonObject known)
        {
            foreach (var (key, value) in known.Where(p => !form.ContainsKey(p.Key)))
            {
                form[key] = value?.DeepClone();
            }
        }

        return (form, description);
    }

    static JsonNode TypeName(string name, bool nullable) => nullable ? new JsonArray(name, "null") : name;

    static JsonNode WithDescription((JsonNode Schema, string? Description) described) => WithDescription(described.Schema, described.Description);

    /// <summary>The schema with <paramref name="description"/> first, where a reader looks.</summary>
    static JsonNode WithDescription(JsonNode schema, string? description)
    {
        if (description is null || schema is not JsonObject known)
        {
            return schema;
        }

        var described = new JsonObject { ["description"] = description };
        foreach (var (key, value) in known.Where(p => p.Key != "description"))
        {
            described[key] = value?.DeepClone();
        }

        return described;
    }

    /// <summary>The C# name of a serialized property, which the documentation uses.</summary>
    static string ClrName(JsonPropertyInfo property) => (property.AttributeProvider as System.Reflection.MemberInfo)?.Name ?? property.Name;
}
