using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ServiceOrders.Cli.Schemas;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// The JSON Schemas checked in under <c>docs/schemas</c>, as a reader of the docs gets them, and the check of a message
/// against one: every error with where it is, and the message itself, so that a failure says what to fix.
/// </summary>
public static class PublishedSchemas
{
    public static string Folder { get; } = RepositoryFiles.PathOf("docs", "schemas");

    static readonly ConcurrentDictionary<string, JsonSchema> Loaded = new(StringComparer.Ordinal);

    static readonly JsonSerializerOptions Readable = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>The file of the schema named <paramref name="name"/> (a README tag, such as <c>cis-reply</c>).</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name + MessageSchemas.Extension);

    /// <summary>The schema files' names without their extension, as README tags name them.</summary>
    public static IReadOnlyList<string> Names =>
        Directory.GetFiles(Folder, "*" + MessageSchemas.Extension).Select(f => Path.GetFileName(f)[..^MessageSchemas.Extension.Length]).Order(StringComparer.Ordinal).ToList();

    static JsonSchema Schema(string name) => Loaded.GetOrAdd(name, n =>
    {
        var path = PathOf(n);
        Assert.True(File.Exists(path), $"There is no schema {n}: {Path.GetRelativePath(RepositoryFiles.Root, path)} is missing.");
        // A registry of its own per schema: the files have no $id, and the global registry would keep every build.
        return JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>Every way <paramref name="json"/> breaks schema <paramref name="name"/>, one line each; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(string name, string json)
    {
        JsonElement instance;
        try
        {
            using var document = JsonDocument.Parse(json);
            instance = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return [$"not JSON: {ex.Message}"];
        }

        var results = Schema(name).Evaluate(instance, Evaluation);
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{Where(d.InstanceLocation.ToString())}: {e.Key}: {e.Value} (schema at {Where(d.EvaluationPath.ToString())})"))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : ["invalid, without details"];
    }

    /// <summary>Fails, printing the message and every schema error, unless <paramref name="json"/> is valid by schema <paramref name="name"/>.</summary>
    public static void AssertValid(string name, string json, string what)
    {
        if (Problem(name, json, what) is { } problem)
        {
            Assert.Fail(problem);
        }
    }

    /// <summary>Null when <paramref name="json"/> is valid by schema <paramref name="name"/>; otherwise what is wrong, with the message.</summary>
    public static string? Problem(string name, string json, string what)
    {
        var errors = Errors(name, json);
        return errors.Count == 0 ? null : $"""
            {what} does not match docs/schemas/{name}{MessageSchemas.Extension}:
              {string.Join("\n  ", errors)}
            the message:
            {Indented(json)}
            """;
    }

    static string Where(string pointer) => pointer.Length == 0 ? "the root" : pointer;

    static string Indented(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(Readable) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
