using System.Diagnostics;
using System.Globalization;

namespace ServiceOrders.Cli.Chaos;

/// <summary>
/// A process the run starts, kills and starts again: its output is appended to a log file, so that every life of it is
/// kept, and it can be stopped hard (SIGKILL, no chance to clean up) or asked to stop (SIGINT).
/// </summary>
internal sealed class ChildProcess(string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory,
    string logFile, IReadOnlyDictionary<string, string> environment) : IDisposable
{
    Process? process;

    public bool IsRunning => process is { HasExited: false };

    public int? ProcessId => IsRunning ? process!.Id : null;

    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{name} is already running.");
        }

        process?.Dispose();
        File.AppendAllText(logFile, string.Create(CultureInfo.InvariantCulture, $"---- {name} starting at {DateTimeOffset.UtcNow:O}{Environment.NewLine}"));

        // Through sh so that the output goes straight to the log file (exec: the process id is the program's own).
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$CHILD_LOG\" 2>&1");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CHILD_LOG"] = logFile;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        process = Process.Start(start) ?? throw new InvalidOperationException($"{name} could not be started.");
    }

    /// <summary>SIGKILL: the process ends at once, whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (IsRunning)
        {
            process!.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGINT, as Ctrl-C would; SIGKILL if it has not ended after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!IsRunning)
        {
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", process!.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await (signal?.WaitForExitAsync() ?? Task.CompletedTask);
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public void Dispose()
    {
        if (IsRunning)
        {
            process!.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process?.Dispose();
    }
}
