using System.CommandLine;
using ServiceOrders.Cli.Bench;
using ServiceOrders.Cli.Chaos;
using ServiceOrders.Cli.Demo;
using ServiceOrders.Cli.Integration;
using ServiceOrders.Cli.Local;
using ServiceOrders.Cli.Registry;
using ServiceOrders.Cli.Schemas;

namespace ServiceOrders.Cli.CommandLine;

/// <summary>
/// The CLI's command tree and how a command line becomes an exit code (see <see cref="ExitCodes"/>): a command line
/// that does not parse is a usage error with its message and the verb's help on stderr; nothing runs then.
/// </summary>
internal static class CliApp
{
    /// <summary>The root command with every verb; each verb's options, checks and help come from its own class.</summary>
    public static RootCommand Create(TimeProvider time)
    {
        var root = new RootCommand("ServiceOrders developer and operator CLI: demo, checks, fault injection and benchmarks against a host, and the message schemas")
        {
            new DemoCommand(time).Command,
            new LoadRegistryCommand().Command,
            new IntegrationCommand(time).Command,
            new ChaosCommand(time).Command,
            new BenchCommand(time).Command,
            new LocalCommand().Command,
            new SchemasCommand().Command,
        };
        return root;
    }

    /// <summary>Parses the command line as the verbs read it: no response files (a value may start with @).</summary>
    public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) =>
        root.Parse(args.Count == 1 && args[0] == "help" ? ["--help"] : args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>Parses and runs the command line; the verbs write their own output to the console, help and errors go to the given writers.</summary>
    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parse = Parse(root, args);
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            // Program.cs turns Ctrl-C and SIGTERM into the cancellation token itself, and exceptions into exit codes here.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };

        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                error.WriteLine($"error: {parseError.Message}");
            }

            error.WriteLine();
            WriteHelp(root, parse.CommandResult.Command, error);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            error.WriteLine();
            WriteHelp(root, parse.CommandResult.Command, error);
            return ExitCodes.Usage;
        }
        catch (ApiException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("cancelled");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>The help of <paramref name="command"/> (the root's lists the verbs), as <c>--help</c> prints it.</summary>
    static void WriteHelp(RootCommand root, Command command, TextWriter writer)
    {
        string[] args = command == root ? ["--help"] : [command.Name, "--help"];
        Parse(root, args).Invoke(new InvocationConfiguration { Output = writer });
    }
}
