using System.Text.Json.Nodes;
using ServiceOrders.Cli.Schemas;
using ServiceOrders.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// <c>docs/asyncapi.yaml</c> read as a JSON tree, with what the tests ask of it: its channels, the operations on
/// them, and local <c>$ref</c>s followed.
/// </summary>
public sealed class AsyncApiDocument
{
    public const string RelativePath = "docs/asyncapi.yaml";

    AsyncApiDocument(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static AsyncApiDocument Load() => Parse(File.ReadAllText(RepositoryFiles.PathOf("docs", "asyncapi.yaml")));

    public static AsyncApiDocument Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return new AsyncApiDocument(ToJson(stream.Documents.Single().RootNode)!.AsObject());
    }

    /// <summary>The object a local reference (<c>#/components/messages/x</c>) points to, following references on the way.</summary>
    public JsonObject Resolve(string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        JsonNode? node = Root;
        foreach (var segment in reference[2..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)))
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child) ? Follow(child) : null;
            Assert.True(node is not null, $"{RelativePath}: {reference} points to nothing (at '{segment}')");
        }

        return node!.AsObject();
    }

    /// <summary>The node itself, or what it references when it is a local <c>{ $ref }</c>.</summary>
    public JsonNode? Follow(JsonNode? node) =>
        node is JsonObject obj && obj["$ref"]?.GetValue<string>() is { } reference && reference.StartsWith("#/", StringComparison.Ordinal) ? Resolve(reference) : node;

    public IEnumerable<(string Id, JsonObject Channel)> Channels =>
        Root["channels"]!.AsObject().Select(c => (c.Key, c.Value!.AsObject()));

    public IEnumerable<(string Id, JsonObject Operation)> Operations =>
        Root["operations"]!.AsObject().Select(o => (o.Key, o.Value!.AsObject()));

    /// <summary>The names of the servers a channel is on (<c>storage</c>, <c>serviceBus</c>, <c>subscribers</c>).</summary>
    public static IReadOnlyList<string> ServersOf(JsonObject channel) =>
        channel["servers"]?.AsArray().Select(s => s!["$ref"]!.GetValue<string>().Split('/')[^1]).ToList() ?? [];

    /// <summary>The channel an operation is on: its id and the channel.</summary>
    public (string Id, JsonObject Channel) ChannelOf(JsonObject operation)
    {
        var reference = operation["channel"]!["$ref"]!.GetValue<string>();
        return (reference.Split('/')[^1], Resolve(reference));
    }

    /// <summary>The messages an operation carries, each resolved to its definition.</summary>
    public IReadOnlyList<JsonObject> MessagesOf(JsonObject operation) =>
        operation["messages"]!.AsArray().Select(m => Resolve(m!["$ref"]!.GetValue<string>())).ToList();

    /// <summary>The schema file a message's payload references, relative to <c>docs/</c>.</summary>
    public static string PayloadFileOf(JsonObject message) => message["payload"]!["$ref"]!.GetValue<string>();

    /// <summary>The schema name (README tag) of a message's payload: its file name without the extension.</summary>
    public static string PayloadSchemaOf(JsonObject message) =>
        Path.GetFileName(PayloadFileOf(message))[..^MessageSchemas.Extension.Length];

    /// <summary>The schemas of the messages the document has the product send on a channel of <paramref name="server"/> at <paramref name="address"/>.</summary>
    public IReadOnlyList<string> SchemasSentOn(string server, string? address) =>
        Operations
            .Where(o => o.Operation["action"]!.GetValue<string>() == "send")
            .Where(o => ChannelOf(o.Operation) is var (_, channel)
                && ServersOf(channel).Contains(server)
                && channel["address"]?.GetValue<string>() == address)
            .SelectMany(o => MessagesOf(o.Operation).Select(PayloadSchemaOf))
            .Distinct()
            .ToList();

    /// <summary>YAML as JSON: mappings, sequences, and scalars as strings, except plain <c>null</c>, <c>~</c> and empty.</summary>
    static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "null" or "~" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value ?? string.Empty),
        _ => throw new InvalidOperationException($"{RelativePath}: unexpected YAML node at {node.Start}"),
    };
}
