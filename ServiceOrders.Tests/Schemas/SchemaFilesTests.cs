using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Schemas;

namespace ServiceOrders.Tests.Schemas;

/// <summary>
/// The schema files under <c>docs/schemas</c> are what the contracts generate, byte for byte: a contract that
/// changes without its schema, or a schema edited by hand, fails here with the command that brings them together.
/// </summary>
public sealed class SchemaFilesTests
{
    [Fact]
    public void The_checked_in_schemas_are_those_the_contracts_generate()
    {
        var generated = MessageSchemas.Generate();
        var problems = new List<string>();
        foreach (var (fileName, text) in generated)
        {
            var path = Path.Combine(PublishedSchemas.Folder, fileName);
            if (!File.Exists(path))
            {
                problems.Add($"docs/schemas/{fileName} is missing");
            }
            else if (File.ReadAllText(path) is var checkedIn && checkedIn != text)
            {
                problems.Add($"docs/schemas/{fileName} differs from what the contracts generate: {FirstDifference(checkedIn, text)}");
            }
        }

        foreach (var name in PublishedSchemas.Names.Where(n => !MessageSchemas.All.Any(s => s.Name == n)))
        {
            problems.Add($"docs/schemas/{name}{MessageSchemas.Extension} is the schema of no message");
        }

        Assert.True(problems.Count == 0, $"""
            {string.Join("\n", problems)}
            Regenerate the schemas from the repository's root with:
              {MessageSchemas.RegenerateCommand}
            """);
    }

    [Fact]
    public void Every_message_type_has_a_schema_of_its_own_name()
    {
        Assert.Equal(MessageSchemas.All.Count, MessageSchemas.All.Select(s => s.Name).Distinct().Count());
        Assert.Equal(MessageSchemas.All.Count, MessageSchemas.All.Select(s => s.Type).Distinct().Count());
        Assert.All(MessageSchemas.All, s => Assert.Matches("^[a-z]+(-[a-z]+)*$", s.Name));
    }

    [Fact]
    public async Task The_schemas_verb_writes_every_schema_and_removes_one_no_message_has()
    {
        var folder = Directory.CreateTempSubdirectory("serviceorders-schemas.").FullName;
        try
        {
            var stale = Path.Combine(folder, "gone" + MessageSchemas.Extension);
            await File.WriteAllTextAsync(stale, "{}\n");
            var unrelated = Path.Combine(folder, "notes.txt");
            await File.WriteAllTextAsync(unrelated, "kept");

            var output = new StringWriter();
            var code = await CliApp.RunAsync(CliApp.Create(TimeProvider.System), ["schemas", "--out", folder], output, output, CancellationToken.None);

            Assert.Equal(ExitCodes.Success, code);
            Assert.Contains($"{MessageSchemas.All.Count} schemas in {folder}: {MessageSchemas.All.Count} written, 0 unchanged, 1 removed", output.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(stale));
            Assert.True(File.Exists(unrelated));
            foreach (var (fileName, text) in MessageSchemas.Generate())
            {
                var written = await File.ReadAllTextAsync(Path.Combine(folder, fileName));
                Assert.Equal(text, written);
                Assert.EndsWith("}\n", written, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Generating_twice_gives_the_same_text()
    {
        Assert.Equal(MessageSchemas.Generate(), MessageSchemas.Generate());
    }

    /// <summary>The first line that differs, checked in against generated, so that the failure shows what changed.</summary>
    static string FirstDifference(string checkedIn, string generated)
    {
        var a = checkedIn.Split('\n');
        var b = generated.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end of file)";
            var right = i < b.Length ? b[i] : "(end of file)";
            if (left != right)
            {
                return $"line {i + 1} is\n    {left.Trim()}\n  and would be\n    {right.Trim()}";
            }
        }

        return "they differ in line endings";
    }
}
