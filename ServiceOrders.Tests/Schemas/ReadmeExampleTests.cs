using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceOrders.Cli.Schemas;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// The JSON examples in README.md are messages as the schemas describe them and as the product reads them. Each
/// fenced <c>json</c> block says which schema it shows in an HTML comment on the line before it,
/// <c>&lt;!-- schema: cis-reply --&gt;</c>; a block without one fails, so no example goes unchecked.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    const string Readme = "README.md";

    sealed record Example(int Line, string? Schema, string Json)
    {
        public override string ToString() => $"{Readme} line {Line}" + (Schema is null ? "" : $" ({Schema})");
    }

    static readonly string[] Lines = File.ReadAllLines(RepositoryFiles.PathOf(Readme));

    static IReadOnlyList<Example> Examples()
    {
        var examples = new List<Example>();
        for (var i = 0; i < Lines.Length; i++)
        {
            if (Lines[i].Trim() != "```json")
            {
                continue;
            }

            var tag = i > 0 ? SchemaTag().Match(Lines[i - 1].Trim()) : Match.Empty;
            var end = Array.FindIndex(Lines, i + 1, l => l.Trim() == "```");
            Assert.True(end > i, $"{Readme} line {i + 1}: the json block is not closed");
            examples.Add(new Example(i + 1, tag.Success ? tag.Groups[1].Value : null, string.Join('\n', Lines[(i + 1)..end])));
            i = end;
        }

        return examples;
    }

    /// <summary>The lines of the README's "Queues" section, up to the next section of its level.</summary>
    static string[] QueuesSection()
    {
        var start = Array.IndexOf(Lines, "## Queues");
        Assert.True(start >= 0, $"{Readme} has no \"## Queues\" section");
        var end = Array.FindIndex(Lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return Lines[start..(end < 0 ? Lines.Length : end)];
    }

    [Fact]
    public void Every_json_example_names_the_schema_it_shows()
    {
        var untagged = Examples().Where(e => e.Schema is null).ToList();
        Assert.True(untagged.Count == 0,
            $"Put <!-- schema: NAME --> on the line before each ```json block (NAME one of {string.Join(", ", PublishedSchemas.Names)}); missing at: {string.Join(", ", untagged)}");
    }

    [Fact]
    public void Every_json_example_is_valid_by_its_schema_and_read_by_the_product()
    {
        var examples = Examples().Where(e => e.Schema is not null).ToList();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            PublishedSchemas.AssertValid(example.Schema!, example.Json, example.ToString());
            var type = MessageSchemas.All.Single(s => s.Name == example.Schema).Type;
            try
            {
                Assert.NotNull(JsonSerializer.Deserialize(example.Json, type, ServiceOrdersJson.Options));
            }
            catch (JsonException ex)
            {
                Assert.Fail($"{example}: valid by the schema, but the product does not read it as a {type.Name}: {ex.Message}");
            }
        }
    }

    [Fact]
    public void The_queues_section_shows_an_example_of_every_message_and_links_its_schema_and_the_AsyncAPI_document()
    {
        var section = string.Join('\n', QueuesSection());
        var shown = SchemaTag().Matches(section).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var schema in MessageSchemas.All)
        {
            Assert.True(shown.Contains(schema.Name), $"the Queues section of {Readme} shows no example of {schema.Name} (<!-- schema: {schema.Name} --> before a ```json block)");
            Assert.Contains($"(docs/schemas/{schema.FileName})", section, StringComparison.Ordinal);
        }

        Assert.Contains($"({AsyncApiDocument.RelativePath})", section, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^<!--\s*schema:\s*([a-z0-9-]+)\s*-->$", RegexOptions.Multiline)]
    private static partial Regex SchemaTag();
}
