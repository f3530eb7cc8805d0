namespace ServiceOrders.Cli.CommandLine;

/// <summary>The usage text, built from the verbs' own option lists so that it cannot drift from the parser.</summary>
internal static class UsageText
{
    const string Program = "dotnet ServiceOrders.Cli.dll";

    public static void Write(TextWriter writer, IReadOnlyList<ICliCommand> commands)
    {
        writer.WriteLine($"usage: {Program} <verb> [options]");
        writer.WriteLine();
        writer.WriteLine("verbs:");
        var width = commands.Max(c => c.Verb.Length);
        foreach (var command in commands)
        {
            writer.WriteLine($"  {command.Verb.PadRight(width)}  {command.Summary}");
        }

        foreach (var command in commands)
        {
            writer.WriteLine();
            WriteOptions(writer, command);
        }
    }

    public static void WriteVerb(TextWriter writer, ICliCommand command)
    {
        writer.WriteLine($"usage: {Program} {command.Verb} {Synopsis(command)}");
        writer.WriteLine($"  {command.Summary}");
        writer.WriteLine();
        WriteOptions(writer, command);
    }

    static void WriteOptions(TextWriter writer, ICliCommand command)
    {
        writer.WriteLine($"{command.Verb} options:");
        var labels = command.Options.Select(o => $"{o.Name} {o.ValueName}").ToList();
        var width = labels.Max(l => l.Length);
        for (var i = 0; i < labels.Count; i++)
        {
            writer.WriteLine($"  {labels[i].PadRight(width)}  {command.Options[i].Description}");
        }
    }

    static string Synopsis(ICliCommand command) =>
        string.Join(' ', command.Options.Select(o => o.Required ? $"{o.Name} {o.ValueName}" : $"[{o.Name} {o.ValueName}]"));
}
