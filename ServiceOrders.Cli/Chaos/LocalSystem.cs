using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ServiceOrders.Cli.Chaos;

/// <summary>Where the programs of a fault-injection run are, and where it keeps its data and logs.</summary>
internal sealed record LocalSystemPaths(string HostDll, string Azurite, string WorkDirectory, string LogDirectory);

/// <summary>Where Azurite keeps what it holds: on disk (it can be restarted) or in memory (faster; a restart loses everything).</summary>
internal enum StorageMode
{
    Disk,
    Memory,
}

/// <summary>
/// The product as it runs on one machine: a disk-backed Azurite (so that it can be restarted without losing what it
/// holds) and the standalone host on it. Both keep their ports across restarts, as a real deployment keeps its
/// addresses. Disposing stops both.
/// </summary>
internal sealed class LocalSystem : IDisposable
{
    const string Account = "devstoreaccount1";

    /// <summary>The storage emulator's well-known development key (public, not a secret).</summary>
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(90);

    readonly ChildProcess azurite;
    readonly ChildProcess host;
    readonly int[] storagePorts;
    readonly string hostLog;
    readonly StorageMode mode;

    LocalSystem(LocalSystemPaths paths, StorageMode mode, IReadOnlyDictionary<string, string> hostSettings)
    {
        this.mode = mode;
        var work = Path.GetFullPath(paths.WorkDirectory);
        Directory.CreateDirectory(work);
        Directory.CreateDirectory(paths.LogDirectory);
        var data = Path.Combine(work, "azurite");
        Directory.CreateDirectory(data);

        var ports = FreePorts(4);
        storagePorts = ports[..3];
        var hostPort = ports[3];
        StorageConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{ports[0]}/{Account};QueueEndpoint=http://127.0.0.1:{ports[1]}/{Account};TableEndpoint=http://127.0.0.1:{ports[2]}/{Account};");
        HostAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{hostPort}/"));
        ApiKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        string[] azuriteArguments =
        [
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
            .. mode == StorageMode.Disk ? ["--location", data] : new[] { "--inMemoryPersistence" },
            "--blobHost", "127.0.0.1", "--blobPort", Text(ports[0]),
            "--queueHost", "127.0.0.1", "--queuePort", Text(ports[1]),
            "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]),
        ];
        azurite = new ChildProcess("Azurite", Path.GetFullPath(paths.Azurite), azuriteArguments, work,
            Path.Combine(Path.GetFullPath(paths.LogDirectory), "chaos-azurite.log"), new Dictionary<string, string>());

        var environment = new Dictionary<string, string>(hostSettings)
        {
            ["AzureWebJobsStorage"] = StorageConnectionString,
            ["Security__ApiKeys__0"] = ApiKey,
        };
        var hostDll = Path.GetFullPath(paths.HostDll);
        hostLog = Path.Combine(Path.GetFullPath(paths.LogDirectory), "chaos-host.log");
        host = new ChildProcess("host", "dotnet", [Path.GetFileName(hostDll), "--urls", HostAddress.ToString().TrimEnd('/')],
            Path.GetDirectoryName(hostDll)!, hostLog, environment);
    }

    public string StorageConnectionString { get; }

    public Uri HostAddress { get; }

    public string ApiKey { get; }

    /// <summary>Starts Azurite and the host with <paramref name="hostSettings"/> (environment variables), and waits until both serve.</summary>
    public static async Task<LocalSystem> StartAsync(
        LocalSystemPaths paths, StorageMode mode, IReadOnlyDictionary<string, string> hostSettings, CancellationToken cancellationToken)
    {
        foreach (var (file, what) in new[] { (paths.HostDll, "the host"), (paths.Azurite, "Azurite") })
        {
            if (!File.Exists(file))
            {
                throw new ApiException($"{what} is not at {file}; build first (./run.sh does)");
            }
        }

        var system = new LocalSystem(paths, mode, hostSettings);
        try
        {
            await system.StartStorageAsync(cancellationToken);
            await system.StartHostAsync(cancellationToken);
            return system;
        }
        catch
        {
            system.Dispose();
            throw;
        }
    }

    /// <summary>Starts the host (again) and waits until it reports healthy.</summary>
    public async Task StartHostAsync(CancellationToken cancellationToken)
    {
        host.Start();
        using var http = new HttpClient { BaseAddress = HostAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTimeOffset.UtcNow + StartupBound;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!host.IsRunning)
            {
                throw new ApiException($"the host exited during start-up; see {hostLog}");
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
                throw new ApiException($"the host did not report healthy within {StartupBound.TotalSeconds:0} s; see {hostLog}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>SIGKILL to the host: it dies mid-work, as on a crash or a lost machine.</summary>
    public Task KillHostAsync() => host.KillAsync();

    /// <summary>Stops Azurite as an operator would (it writes what it holds to disk), waits, and starts it again on the same ports and data.</summary>
    public async Task RestartStorageAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        if (mode == StorageMode.Memory)
        {
            throw new InvalidOperationException("Azurite in memory loses everything when restarted.");
        }

        await azurite.StopAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(downtime, cancellationToken);
        await StartStorageAsync(cancellationToken);
    }

    async Task StartStorageAsync(CancellationToken cancellationToken)
    {
        azurite.Start();
        var deadline = DateTimeOffset.UtcNow + StartupBound;
        foreach (var port in storagePorts)
        {
            while (!await AcceptsAsync(port, cancellationToken))
            {
                if (!azurite.IsRunning || DateTimeOffset.UtcNow >= deadline)
                {
                    throw new ApiException($"Azurite did not open port {port}; see its log under the run's log directory");
                }

                await Task.Delay(200, cancellationToken);
            }
        }
    }

    static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        host.Dispose();
        azurite.Dispose();
    }
}
