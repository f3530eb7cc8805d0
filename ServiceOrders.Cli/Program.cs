using ServiceOrders.Cli;
using ServiceOrders.Cli.Bench;
using ServiceOrders.Cli.Chaos;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Demo;
using ServiceOrders.Cli.Integration;
using ServiceOrders.Cli.Output;
using ServiceOrders.Cli.Registry;

// The verbs of the CLI; new ones (bench, chaos) are added to this list and need nothing else here.
ICliCommand[] commands =
[
    new DemoCommand(TimeProvider.System), new LoadRegistryCommand(), new IntegrationCommand(TimeProvider.System),
    new ChaosCommand(TimeProvider.System), new BenchCommand(TimeProvider.System),
];

if (args.Length == 0)
{
    UsageText.Write(Console.Error, commands);
    return ExitCodes.Usage;
}

if (args[0] is "-h" or "--help" or "help")
{
    UsageText.Write(Console.Out, commands);
    return ExitCodes.Success;
}

var command = commands.FirstOrDefault(c => c.Verb == args[0]);
if (command is null)
{
    return UsageError($"unknown verb '{Printable.Clip(args[0], 40)}'", () => UsageText.Write(Console.Error, commands));
}

if (args.Skip(1).Any(a => a is "-h" or "--help"))
{
    UsageText.WriteVerb(Console.Out, command);
    return ExitCodes.Success;
}

// Ctrl-C stops the run cleanly (no stack trace); a second Ctrl-C ends the process at once.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};

// SIGTERM too, so that a verb that started processes (chaos) stops them before it ends.
using var termination = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
{
    context.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
});

try
{
    var options = ParsedOptions.Parse(args[1..], command.Options);
    return await command.RunAsync(options, cancellation.Token);
}
catch (UsageException ex)
{
    return UsageError(ex.Message, () => UsageText.WriteVerb(Console.Error, command));
}
catch (ApiException ex)
{
    Console.Error.WriteLine($"error: {ex.Message}");
    return ExitCodes.Failure;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("cancelled");
    return ExitCodes.Cancelled;
}

static int UsageError(string message, Action writeUsage)
{
    Console.Error.WriteLine($"error: {message}");
    Console.Error.WriteLine();
    writeUsage();
    return ExitCodes.Usage;
}
