using System.Globalization;
using System.Net;

namespace ServiceOrders.Cli.Local;

/// <summary>What <see cref="LocalHost"/> starts.</summary>
/// <param name="HostDll">The built host: ServiceOrders.Host.dll, or ServiceOrders.DevHost.dll.</param>
/// <param name="Port">Its port on 127.0.0.1.</param>
/// <param name="LogFile">Where its output goes (appended, so that every life of it is kept).</param>
/// <param name="StorageConnectionString">Its storage account (<c>AzureWebJobsStorage</c>).</param>
/// <param name="ApiKey">The API key it accepts; given to it in its environment, where other users' <c>ps</c> does not show it.</param>
/// <param name="Settings">Further settings, as environment variables (<c>Section__Key</c>).</param>
internal sealed record HostSettings(
    string HostDll, int Port, string LogFile, string StorageConnectionString, string ApiKey, IReadOnlyDictionary<string, string> Settings);

/// <summary>
/// The standalone host as every local run starts it: the scripts (through <c>local host</c>) and the fault-injection
/// run. Its working directory is its output folder, so that its appsettings files are found; it counts as started
/// once <c>/api/health</c> answers 200. It keeps its port across restarts.
/// </summary>
internal sealed class LocalHost : IDisposable
{
    static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(90);

    readonly ChildProcess process;

    public LocalHost(HostSettings settings)
    {
        var hostDll = Path.GetFullPath(settings.HostDll);
        if (!File.Exists(hostDll))
        {
            throw new InvalidOperationException($"the host is not at {hostDll}; build first (./run.sh does)");
        }

        Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{settings.Port}/"));
        var environment = new Dictionary<string, string>(settings.Settings)
        {
            ["AzureWebJobsStorage"] = settings.StorageConnectionString,
            ["Security__ApiKeys__0"] = settings.ApiKey,
        };
        var log = Path.GetFullPath(settings.LogFile);
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        process = new ChildProcess("host", "dotnet", [Path.GetFileName(hostDll), "--urls", Address.ToString().TrimEnd('/')],
            Path.GetDirectoryName(hostDll)!, log, environment);
    }

    public Uri Address { get; }

    /// <summary>The host's own process id while it runs (to read its memory, or to follow its log).</summary>
    public int? ProcessId => process.ProcessId;

    public bool IsRunning => process.IsRunning;

    /// <summary>The exit code of its last life, once it has ended.</summary>
    public int? ExitCode => process.ExitCode;

    /// <summary>Starts the host (again) and waits until it reports healthy.</summary>
    /// <exception cref="InvalidOperationException">It exited, or did not report healthy in time; the message has its log's last lines.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        process.Start();
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + StartupBound;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!process.IsRunning)
            {
                throw Failure($"the host exited during start-up (exit code {process.ExitCode})");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw Failure($"the host did not report healthy on {Address}api/health within {StartupBound.TotalSeconds:0} s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>SIGKILL: it dies mid-work, as on a crash or a lost machine.</summary>
    public Task KillAsync() => process.KillAsync();

    /// <summary>Asks it to stop (SIGTERM, as a service manager would); kills it if it has not ended after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => process.StopAsync(grace, "TERM");

    /// <summary>Completes when the host's current life ends.</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) => process.WaitForExitAsync(cancellationToken);

    InvalidOperationException Failure(string what) =>
        new($"{what}; last lines of {process.LogFile}:{Environment.NewLine}{process.LogTail(20)}");

    public void Dispose() => process.Dispose();
}
