using System.Diagnostics;
using System.Globalization;

namespace ServiceOrders.Cli.Local;

/// <summary>
/// A process that a local run starts, kills and starts again: its output is appended to a log file, so that every life
/// of it is kept, and it can be stopped hard (SIGKILL, no chance to clean up) or asked to stop (a signal).
/// </summary>
/// <remarks>
/// With <paramref name="tiedToParent"/>, a watchdog shell runs the program and stops it (SIGTERM) as soon as this
/// process ends in any way, even killed, so that no emulator outlives the run or test that started it; it passes
/// SIGINT and SIGTERM on. Without it the program replaces the shell, so that <see cref="ProcessId"/> is the program's
/// own (for a kill, or to read its memory).
/// </remarks>
internal sealed class ChildProcess(string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory,
    string logFile, IReadOnlyDictionary<string, string> environment, bool tiedToParent = false) : IDisposable
{
    const string Direct = "exec \"$0\" \"$@\" >>\"$CHILD_LOG\" 2>&1";

    const string Watched =
        "exec 3<&0 2>>\"$CHILD_LOG\"; \"$0\" \"$@\" </dev/null >>\"$CHILD_LOG\" 2>&1 & pid=$!; " +
        "trap 'kill -TERM $pid 2>/dev/null' INT TERM; " +
        "{ cat <&3 >/dev/null; kill -TERM $pid 2>/dev/null; } & " +
        "while kill -0 $pid 2>/dev/null; do wait $pid; rc=$?; done; exit $rc";

    Process? process;

    public string Name => name;

    public string LogFile => logFile;

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

        // Through sh so that the output goes straight to the log file.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(tiedToParent ? Watched : Direct);
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

    /// <summary>The exit code of its last life, once it has ended.</summary>
    public int? ExitCode => process is { HasExited: true } ended ? ended.ExitCode : null;

    /// <summary>Completes when the current life ends.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) =>
        process?.WaitForExitAsync(cancellationToken) ?? Task.CompletedTask;

    /// <summary>
    /// SIGINT (as Ctrl-C would) or SIGTERM (as a service manager would); SIGKILL if it has not ended after
    /// <paramref name="grace"/>. A process started from a script in the background ignores SIGINT, so a supervisor
    /// asks with SIGTERM.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, string signal = "INT")
    {
        if (!IsRunning)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { $"-{signal}", process!.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            await (kill?.WaitForExitAsync() ?? Task.CompletedTask);
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

    /// <summary>The last <paramref name="lines"/> lines of its log, for an error message.</summary>
    public string LogTail(int lines)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(lines).Select(l => $"  {l}"));
        }
        catch (IOException e)
        {
            return $"  ({e.Message})";
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
