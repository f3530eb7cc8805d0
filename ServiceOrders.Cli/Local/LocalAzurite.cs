using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ServiceOrders.Cli.Local;

/// <summary>Where Azurite keeps what it holds.</summary>
internal enum StorageMode
{
    /// <summary>One process, everything in memory: fast, and a restart loses everything.</summary>
    Memory,

    /// <summary>One process, data on disk in the data directory: survives a restart.</summary>
    Disk,

    /// <summary>
    /// Blob, queue and table each in a process of their own, so that the queue and table services (the durable
    /// engine's two busiest) use two cores, not one; thrown away when they stop. Queues keep their messages on disk in
    /// a temporary directory: in memory, Azurite stores every message as an extent of its own and its once-a-minute
    /// clean-up removes them one by one, which stops the queue service for tens of seconds once a few thousand messages
    /// a minute went through it.
    /// </summary>
    Split,
}

/// <summary>What <see cref="LocalAzurite"/> starts.</summary>
/// <param name="BinDirectory">Where the <c>azurite</c> programs are (the repository's <c>node_modules/.bin</c>).</param>
/// <param name="Mode">Where Azurite keeps its data.</param>
/// <param name="DataDirectory">Azurite's data in <see cref="StorageMode.Disk"/> mode.</param>
/// <param name="LogDirectory">Where each process writes its log.</param>
/// <param name="LogName">The logs' name: <c>NAME.log</c>, or <c>NAME-blob.log</c> and so on in split mode.</param>
internal sealed record AzuriteSettings(string BinDirectory, StorageMode Mode, string DataDirectory, string LogDirectory, string LogName = "azurite");

/// <summary>
/// The storage emulator as every local run starts it: the scripts (through <c>local azurite</c>), the fault-injection
/// run and the tests. Blob, queue and table listen on 127.0.0.1, on the standard ports 10000-10002 in disk mode when
/// they are free (so that a storage explorer finds them), on free ports otherwise, and keep them across restarts.
/// Each process is tied to this one: when it ends, even killed, Azurite stops too. Disposing stops it and removes
/// its temporary directory.
/// </summary>
internal sealed class LocalAzurite : IDisposable
{
    /// <summary>The storage emulator's well-known development account and key (public, not secrets).</summary>
    const string Account = "devstoreaccount1";
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(60);
    static readonly int[] StandardPorts = [10000, 10001, 10002];
    static readonly string[] SplitPrograms = ["azurite-blob", "azurite-queue", "azurite-table"];
    static readonly string[] OnePrograms = ["azurite"];

    /// <summary>Ports picked free can be taken by someone else before Azurite binds them: then it tries new ones.</summary>
    const int Attempts = 3;

    readonly AzuriteSettings settings;
    readonly List<ChildProcess> processes = [];
    readonly int[] ports;
    readonly string? temporary;

    LocalAzurite(AzuriteSettings settings, int[] ports)
    {
        this.settings = settings;
        this.ports = ports;
        Directory.CreateDirectory(settings.LogDirectory);
        if (settings.Mode != StorageMode.Disk)
        {
            // Azurite refuses --location together with --inMemoryPersistence, so it runs inside a directory of its own.
            temporary = Directory.CreateTempSubdirectory("serviceorders-azurite.").FullName;
        }

        var common = new[] { "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry" };
        string Log(string suffix) => Path.Combine(Path.GetFullPath(settings.LogDirectory), $"{settings.LogName}{suffix}.log");
        string[] Service(string service, int port) => [$"--{service}Host", "127.0.0.1", $"--{service}Port", Text(port)];
        switch (settings.Mode)
        {
            case StorageMode.Memory:
                Add("azurite", temporary!, Log(""), [.. common, "--inMemoryPersistence", .. Service("blob", ports[0]), .. Service("queue", ports[1]), .. Service("table", ports[2])]);
                break;
            case StorageMode.Disk:
                var data = Path.GetFullPath(settings.DataDirectory);
                Directory.CreateDirectory(data);
                Add("azurite", data, Log(""), [.. common, "--location", data, .. Service("blob", ports[0]), .. Service("queue", ports[1]), .. Service("table", ports[2])]);
                break;
            default:
                var queues = Directory.CreateDirectory(Path.Combine(temporary!, "queue")).FullName;
                Add("azurite-blob", Directory.CreateDirectory(Path.Combine(temporary!, "blob")).FullName, Log("-blob"), [.. common, "--inMemoryPersistence", .. Service("blob", ports[0])]);
                Add("azurite-queue", queues, Log("-queue"), [.. common, "--location", queues, .. Service("queue", ports[1])]);
                Add("azurite-table", Directory.CreateDirectory(Path.Combine(temporary!, "table")).FullName, Log("-table"), [.. common, "--inMemoryPersistence", .. Service("table", ports[2])]);
                break;
        }

        ConnectionString = ConnectionStringFor(ports[0], ports[1], ports[2]);
    }

    /// <summary>The connection string of the emulator's account on these ports.</summary>
    public string ConnectionString { get; }

    /// <summary>The programs it runs, found where <see cref="AzuriteSettings.BinDirectory"/> says.</summary>
    public static IReadOnlyList<string> ProgramsFor(AzuriteSettings settings) =>
        (settings.Mode == StorageMode.Split ? SplitPrograms : OnePrograms)
            .Select(p => Path.Combine(Path.GetFullPath(settings.BinDirectory), p))
            .ToList();

    /// <summary>Starts Azurite and waits until blob, queue and table each accept connections.</summary>
    /// <exception cref="InvalidOperationException">A program is missing, or Azurite did not start; the message says why, with its log.</exception>
    public static async Task<LocalAzurite> StartAsync(AzuriteSettings settings, CancellationToken cancellationToken)
    {
        if (ProgramsFor(settings).FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            throw new InvalidOperationException($"{missing} is missing: run 'npm ci' in the repository to install Azurite.");
        }

        var failures = new List<string>();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var azurite = new LocalAzurite(settings, PortsFor(settings.Mode, attempt));
            try
            {
                await azurite.StartProcessesAsync(cancellationToken);
                return azurite;
            }
            catch (InvalidOperationException e)
            {
                azurite.Dispose();
                failures.Add(e.Message);
            }
            catch
            {
                azurite.Dispose();
                throw;
            }
        }

        throw new InvalidOperationException($"Azurite did not start ({settings.Mode}, {Attempts} tries):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>Stops Azurite as an operator would (in disk mode it writes what it holds), waits, and starts it again on the same ports.</summary>
    public async Task RestartAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        if (settings.Mode != StorageMode.Disk)
        {
            throw new InvalidOperationException("Azurite keeps its data in memory here: a restart would lose everything.");
        }

        await StopAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(downtime, cancellationToken);
        await StartProcessesAsync(cancellationToken);
    }

    /// <summary>Asks each process to stop (SIGTERM); kills what has not ended after <paramref name="grace"/>.</summary>
    public Task StopAsync(TimeSpan grace) => Task.WhenAll(processes.Select(p => p.StopAsync(grace, "TERM")));

    /// <summary>Completes when any of its processes ends; throws <see cref="OperationCanceledException"/> when cancelled first.</summary>
    public async Task WaitForAnyExitAsync(CancellationToken cancellationToken) =>
        await await Task.WhenAny(processes.Select(p => p.WaitForExitAsync(cancellationToken)));

    /// <summary>The connection string of the emulator's account with blob, queue and table on these ports.</summary>
    public static string ConnectionStringFor(int blob, int queue, int table) => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{blob}/{Account};QueueEndpoint=http://127.0.0.1:{queue}/{Account};TableEndpoint=http://127.0.0.1:{table}/{Account};");

    /// <summary><paramref name="count"/> TCP ports of 127.0.0.1 that are free now.</summary>
    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var free = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return free;
    }

    /// <summary>True when something accepts TCP connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
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

    static int[] PortsFor(StorageMode mode, int attempt) =>
        mode == StorageMode.Disk && attempt == 1 && StandardPorts.All(IsFree) ? StandardPorts : FreePorts(3);

    static bool IsFree(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            listener.Stop();
        }
    }

    void Add(string program, string directory, string log, string[] arguments) =>
        processes.Add(new ChildProcess(program, Path.Combine(Path.GetFullPath(settings.BinDirectory), program), arguments, directory, log,
            new Dictionary<string, string>(), tiedToParent: true));

    async Task StartProcessesAsync(CancellationToken cancellationToken)
    {
        processes.ForEach(p => p.Start());
        var deadline = DateTimeOffset.UtcNow + StartupBound;
        for (var i = 0; i < ports.Length; i++)
        {
            // In split mode the ports belong to the processes in order; otherwise all to the one.
            var owner = processes[Math.Min(i, processes.Count - 1)];
            while (!await AcceptsAsync(ports[i], cancellationToken))
            {
                if (!owner.IsRunning || DateTimeOffset.UtcNow >= deadline)
                {
                    throw new InvalidOperationException(
                        $"{owner.Name} {(owner.IsRunning ? $"did not open port {ports[i]} within {StartupBound.TotalSeconds:0} s" : "exited during start-up")}; " +
                        $"last lines of {owner.LogFile}:{Environment.NewLine}{owner.LogTail(20)}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        processes.ForEach(p => p.Dispose());
        if (temporary is not null)
        {
            try
            {
                Directory.Delete(temporary, recursive: true);
            }
            catch (IOException)
            {
                // A process that has not quite let go: the system's temporary directory is cleaned in time.
            }
        }
    }
}
