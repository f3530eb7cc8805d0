using System.CommandLine;
using System.Globalization;
using ServiceOrders.Cli.CommandLine;

namespace ServiceOrders.Cli.Local;

/// <summary>
/// <c>local azurite</c> and <c>local host</c>: the one way the scripts start the storage emulator and the host (the
/// fault-injection run and the tests use the same <see cref="LocalAzurite"/> and <see cref="LocalHost"/>). Each starts
/// its part, waits until it serves, writes a ready file that a shell can source, and then stays until it is asked to
/// stop (SIGTERM or Ctrl-C: it stops its part and exits 0) or its part ends on its own (it exits with the part's exit
/// code). What it started never outlives it.
/// </summary>
internal sealed class LocalCommand
{
    /// <summary>How long a part has to stop before it is killed; under the scripts' own bound of 10 s.</summary>
    static readonly TimeSpan Grace = TimeSpan.FromSeconds(8);

    const string StorageVariable = "SERVICEORDERS_STORAGE";

    readonly Option<string> readyFile = CliOptions.Text("--ready-file", "PATH", "written once it serves: shell assignments (NAME='value') of what it started", required: true);
    readonly Option<string> logs = CliOptions.Text("--logs", "DIR", "where its logs go", required: true);
    readonly Option<string> mode = CliOptions.Choice("--mode", "memory: one process, in memory; disk: one process, data kept in --data; split: blob, queue and table in a process each", required: true, "memory", "disk", "split");
    readonly Option<string> bin = CliOptions.Text("--bin", "DIR", "where the azurite programs are (node_modules/.bin)", required: true);
    readonly Option<string> data = CliOptions.Text("--data", "DIR", "Azurite's data in disk mode (default: .azurite)");
    readonly Option<string> hostDll = CliOptions.Text("--host-dll", "PATH", "the built host: ServiceOrders.Host.dll, or ServiceOrders.DevHost.dll", required: true);
    readonly Option<int> port = CliOptions.Count("--port", "N", "its port on 127.0.0.1", 7071, 1, 65535);
    readonly Option<string> log = CliOptions.Text("--log", "PATH", "the host's log file (appended)", required: true);
    readonly Option<string[]> settings = new("--set")
    {
        Description = "a host setting as NAME=VALUE (an environment variable, Section__Key); may be repeated",
        HelpName = "NAME=VALUE",
        AllowMultipleArgumentsPerToken = false,
    };

    public LocalCommand()
    {
        var azurite = new Command("azurite", "start Azurite and keep it running until SIGTERM; the ready file gives AZURITE_CONNECTION_STRING")
        {
            mode, bin, data, logs, readyFile,
        };
        azurite.SetAction(RunAzuriteAsync);

        var host = new Command(
            "host",
            $"start the host on ${StorageVariable} (a connection string) with the API key in ${CliOptions.ApiKeyVariable}, and keep it running " +
            "until SIGTERM; the ready file gives HOST_PID and HOST_URL")
        {
            hostDll, port, log, settings, readyFile,
        };
        host.SetAction(RunHostAsync);

        Command = new Command("local", "start Azurite or the host on this machine, as ./run.sh and ./test.sh do") { azurite, host };
    }

    public Command Command { get; }

    async Task<int> RunAzuriteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var storage = parse.GetRequiredValue(mode) switch
        {
            "disk" => StorageMode.Disk,
            "split" => StorageMode.Split,
            _ => StorageMode.Memory,
        };
        using var azurite = await StartAsync(() => LocalAzurite.StartAsync(
            new AzuriteSettings(parse.GetRequiredValue(bin), storage, parse.GetValue(data) ?? ".azurite", parse.GetRequiredValue(logs), $"azurite-{storage.ToString().ToLowerInvariant()}"),
            cancellationToken));
        WriteReadyFile(parse.GetRequiredValue(readyFile), ("AZURITE_CONNECTION_STRING", azurite.ConnectionString));
        return await SuperviseAsync(azurite.WaitForAnyExitAsync, () => azurite.StopAsync(Grace), () => 1, cancellationToken);
    }

    async Task<int> RunHostAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var storage = Environment.GetEnvironmentVariable(StorageVariable) is { Length: > 0 } value
            ? value
            : throw new UsageException($"{StorageVariable} must name the host's storage (a connection string)");
        var apiKey = Environment.GetEnvironmentVariable(CliOptions.ApiKeyVariable) is { Length: > 0 } key
            ? key
            : throw new UsageException($"{CliOptions.ApiKeyVariable} must give the API key the host accepts");
        var hostSettings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in parse.GetValue(settings) ?? [])
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--set takes NAME=VALUE, not '{setting}'");
            }

            hostSettings[setting[..equals]] = setting[(equals + 1)..];
        }

        using var host = new LocalHost(new HostSettings(
            parse.GetRequiredValue(hostDll), parse.GetValue(port), parse.GetRequiredValue(log), storage, apiKey, hostSettings));
        await StartAsync(async () =>
        {
            await host.StartAsync(cancellationToken);
            return host;
        });
        WriteReadyFile(parse.GetRequiredValue(readyFile),
            ("HOST_PID", host.ProcessId!.Value.ToString(CultureInfo.InvariantCulture)), ("HOST_URL", host.Address.ToString().TrimEnd('/')));
        return await SuperviseAsync(host.WaitForExitAsync, () => host.StopAsync(Grace), () => host.ExitCode ?? 1, cancellationToken);
    }

    /// <summary>A part that cannot start is this command's failure, with the reason (and the part's log) on stderr.</summary>
    static async Task<T> StartAsync<T>(Func<Task<T>> start)
    {
        try
        {
            return await start();
        }
        catch (InvalidOperationException e)
        {
            throw new ApiException(e.Message, e);
        }
    }

    /// <summary>Waits until asked to stop (then stops the part: exit 0) or until the part ends on its own (its exit code, 1 for Azurite).</summary>
    static async Task<int> SuperviseAsync(Func<CancellationToken, Task> exited, Func<Task> stop, Func<int> exitCode, CancellationToken cancellationToken)
    {
        try
        {
            await exited(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stop();
            return ExitCodes.Success;
        }

        return exitCode();
    }

    /// <summary>Written whole or not at all, so that a reader never sources half of it.</summary>
    static void WriteReadyFile(string path, params (string Name, string Value)[] values)
    {
        var full = Path.GetFullPath(path);
        var partial = full + ".partial";
        File.WriteAllLines(partial, values.Select(v => $"{v.Name}='{v.Value.Replace("'", "'\\''", StringComparison.Ordinal)}'"));
        File.Move(partial, full, overwrite: true);
    }
}
