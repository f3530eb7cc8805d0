namespace ServiceOrders.Cli.CommandLine;

/// <summary>
/// One verb of the CLI (demo; later bench, chaos). Program.cs lists the verbs; each declares its options so that
/// parsing and the usage text stay the same for all of them.
/// </summary>
internal interface ICliCommand
{
    string Verb { get; }

    /// <summary>One line for the usage text.</summary>
    string Summary { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    /// <summary>Runs the verb. Throws <see cref="UsageException"/> for option values it cannot use, before it does any work.</summary>
    Task<int> RunAsync(ParsedOptions options, CancellationToken cancellationToken);
}
