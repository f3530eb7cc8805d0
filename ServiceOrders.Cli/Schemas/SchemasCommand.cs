using System.CommandLine;
using System.Text;
using ServiceOrders.Cli.CommandLine;

namespace ServiceOrders.Cli.Schemas;

/// <summary>
/// <c>schemas</c>: writes the JSON Schema of every message (see <see cref="MessageSchemas"/>) into a folder, one file
/// per message. A file whose text is unchanged is left alone; a schema file no message has any more is removed, so
/// the folder holds exactly what the contracts say.
/// </summary>
internal sealed class SchemasCommand
{
    readonly Option<string> outOption = CliOptions.Text("--out", "DIR", "the folder to write the schema files to (docs/schemas in the repository)", required: true);

    public SchemasCommand()
    {
        Command = new Command("schemas", "write the JSON Schema of every message on the queues, topic and webhooks, generated from the contracts")
        {
            outOption,
        };
        Command.SetAction(Run);
    }

    public Command Command { get; }

    int Run(ParseResult parse)
    {
        var folder = Directory.CreateDirectory(parse.GetRequiredValue(outOption));
        var schemas = MessageSchemas.Generate();
        var written = 0;
        foreach (var (fileName, text) in schemas)
        {
            var path = Path.Combine(folder.FullName, fileName);
            if (!File.Exists(path) || File.ReadAllText(path) != text)
            {
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                written++;
            }
        }

        var stale = folder.GetFiles("*" + MessageSchemas.Extension).Where(f => !schemas.Any(s => s.FileName == f.Name)).ToList();
        foreach (var file in stale)
        {
            file.Delete();
        }

        parse.InvocationConfiguration.Output.WriteLine($"{schemas.Count} schemas in {folder.FullName}: {written} written, {schemas.Count - written} unchanged, {stale.Count} removed");
        return ExitCodes.Success;
    }
}
