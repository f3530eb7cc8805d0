using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.CommandLine;

/// <summary>The option values given on the command line, checked against the verb's <see cref="OptionSpec"/>s.</summary>
internal sealed class ParsedOptions
{
    readonly Dictionary<string, string> values;

    ParsedOptions(Dictionary<string, string> values) => this.values = values;

    public string? Get(string name) => values.GetValueOrDefault(name);

    public string Require(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new UsageException($"missing option {name}");

    /// <summary>Reads <c>--name value</c> and <c>--name=value</c> pairs; anything else is a usage error.</summary>
    public static ParsedOptions Parse(IReadOnlyList<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{Printable.Clip(arg, 40)}'");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (!specs.Any(s => s.Name == name))
            {
                throw new UsageException($"unknown option '{Printable.Clip(name, 40)}'");
            }

            string value;
            if (equals >= 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                throw new UsageException($"option {name} needs a value");
            }

            if (!values.TryAdd(name, value))
            {
                throw new UsageException($"option {name} is given twice");
            }
        }

        foreach (var spec in specs.Where(s => s.Required && !values.ContainsKey(s.Name)))
        {
            throw new UsageException($"missing option {spec.Name}");
        }

        return new ParsedOptions(values);
    }
}
