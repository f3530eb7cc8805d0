using ServiceOrders.Cli.CommandLine;

// The verbs and their options are in CliApp; this file only ties the process to them.
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

return await CliApp.RunAsync(CliApp.Create(TimeProvider.System), args, Console.Out, Console.Error, cancellation.Token);
