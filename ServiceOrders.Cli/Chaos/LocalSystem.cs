using System.Security.Cryptography;
using ServiceOrders.Cli.Local;

namespace ServiceOrders.Cli.Chaos;

/// <summary>Where the programs of a fault-injection run are, and where it keeps its data and logs.</summary>
internal sealed record LocalSystemPaths(string HostDll, string Azurite, string WorkDirectory, string LogDirectory);

/// <summary>
/// The product as it runs on one machine, started by the same <see cref="LocalAzurite"/> and <see cref="LocalHost"/>
/// as the scripts': a disk-backed Azurite (so that it can be restarted without losing what it holds) and one or more
/// standalone hosts on it, on distinct ports, sharing its task hub and everything else in it (the key too). Each keeps
/// its port across restarts, as a real deployment keeps its addresses. Disposing stops them all.
/// </summary>
internal sealed class LocalSystem : IDisposable
{
    readonly LocalAzurite azurite;
    readonly IReadOnlyList<LocalHost> hosts;

    LocalSystem(LocalAzurite azurite, IReadOnlyList<LocalHost> hosts, string apiKey)
    {
        this.azurite = azurite;
        this.hosts = hosts;
        ApiKey = apiKey;
    }

    public string StorageConnectionString => azurite.ConnectionString;

    /// <summary>The first host's address: the one the CIS side and the outside systems call.</summary>
    public Uri HostAddress => hosts[0].Address;

    public int HostCount => hosts.Count;

    public Uri AddressOf(int host) => hosts[host].Address;

    /// <summary>The process id of the host's current life, while it runs.</summary>
    public int? ProcessIdOf(int host) => hosts[host].ProcessId;

    public string ApiKey { get; }

    /// <summary>
    /// Starts Azurite and <paramref name="hostCount"/> hosts with <paramref name="hostSettings"/> (environment
    /// variables), one after the other, and waits until all serve. The first host logs to chaos-host.log, the others
    /// to chaos-host-2.log and so on.
    /// </summary>
    public static async Task<LocalSystem> StartAsync(
        LocalSystemPaths paths, StorageMode mode, IReadOnlyDictionary<string, string> hostSettings, int hostCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hostCount, 1);
        var work = Path.GetFullPath(paths.WorkDirectory);
        LocalAzurite? azurite = null;
        var hosts = new List<LocalHost>();
        try
        {
            azurite = await LocalAzurite.StartAsync(
                new AzuriteSettings(Path.GetDirectoryName(Path.GetFullPath(paths.Azurite))!, mode, Path.Combine(work, "azurite"), paths.LogDirectory, "chaos-azurite"),
                cancellationToken);
            var apiKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            foreach (var port in LocalAzurite.FreePorts(hostCount))
            {
                var log = hosts.Count == 0 ? "chaos-host.log" : $"chaos-host-{hosts.Count + 1}.log";
                var host = new LocalHost(new HostSettings(
                    paths.HostDll, port, Path.Combine(paths.LogDirectory, log), azurite.ConnectionString, apiKey, hostSettings));
                hosts.Add(host);
                await host.StartAsync(cancellationToken);
            }

            return new LocalSystem(azurite, hosts, apiKey);
        }
        catch (InvalidOperationException e)
        {
            hosts.ForEach(h => h.Dispose());
            azurite?.Dispose();
            throw new ApiException(e.Message, e);
        }
        catch
        {
            hosts.ForEach(h => h.Dispose());
            azurite?.Dispose();
            throw;
        }
    }

    /// <summary>Starts the host again and waits until it reports healthy.</summary>
    public async Task StartHostAsync(int host, CancellationToken cancellationToken)
    {
        try
        {
            await hosts[host].StartAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new ApiException(e.Message, e);
        }
    }

    /// <summary>SIGKILL to the host: it dies mid-work, as on a crash or a lost machine.</summary>
    public Task KillHostAsync(int host) => hosts[host].KillAsync();

    /// <summary>Stops Azurite as an operator would (it writes what it holds to disk), waits, and starts it again on the same ports and data.</summary>
    public async Task RestartStorageAsync(TimeSpan downtime, CancellationToken cancellationToken)
    {
        try
        {
            await azurite.RestartAsync(downtime, cancellationToken);
        }
        catch (InvalidOperationException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ApiException(e.Message, e);
        }
    }

    public void Dispose()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        azurite.Dispose();
    }
}
