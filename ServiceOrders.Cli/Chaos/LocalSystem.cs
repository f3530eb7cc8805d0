using System.Security.Cryptography;
using ServiceOrders.Cli.Local;

namespace ServiceOrders.Cli.Chaos;

/// <summary>Where the programs of a fault-injection run are, and where it keeps its data and logs.</summary>
internal sealed record LocalSystemPaths(string HostDll, string Azurite, string WorkDirectory, string LogDirectory);

/// <summary>
/// The product as it runs on one machine, started by the same <see cref="LocalAzurite"/> and <see cref="LocalHost"/>
/// as the scripts': a disk-backed Azurite (so that it can be restarted without losing what it holds) and the
/// standalone host on it. Both keep their ports across restarts, as a real deployment keeps its addresses. Disposing
/// stops both.
/// </summary>
internal sealed class LocalSystem : IDisposable
{
    readonly LocalAzurite azurite;
    readonly LocalHost host;

    LocalSystem(LocalAzurite azurite, LocalHost host, string apiKey)
    {
        this.azurite = azurite;
        this.host = host;
        ApiKey = apiKey;
    }

    public string StorageConnectionString => azurite.ConnectionString;

    public Uri HostAddress => host.Address;

    public string ApiKey { get; }

    /// <summary>Starts Azurite and the host with <paramref name="hostSettings"/> (environment variables), and waits until both serve.</summary>
    public static async Task<LocalSystem> StartAsync(
        LocalSystemPaths paths, StorageMode mode, IReadOnlyDictionary<string, string> hostSettings, CancellationToken cancellationToken)
    {
        var work = Path.GetFullPath(paths.WorkDirectory);
        LocalAzurite? azurite = null;
        LocalHost? host = null;
        try
        {
            azurite = await LocalAzurite.StartAsync(
                new AzuriteSettings(Path.GetDirectoryName(Path.GetFullPath(paths.Azurite))!, mode, Path.Combine(work, "azurite"), paths.LogDirectory, "chaos-azurite"),
                cancellationToken);
            var apiKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            host = new LocalHost(new HostSettings(
                paths.HostDll, LocalAzurite.FreePorts(1)[0], Path.Combine(paths.LogDirectory, "chaos-host.log"), azurite.ConnectionString, apiKey, hostSettings));
            await host.StartAsync(cancellationToken);
            return new LocalSystem(azurite, host, apiKey);
        }
        catch (InvalidOperationException e)
        {
            host?.Dispose();
            azurite?.Dispose();
            throw new ApiException(e.Message, e);
        }
        catch
        {
            host?.Dispose();
            azurite?.Dispose();
            throw;
        }
    }

    /// <summary>Starts the host again and waits until it reports healthy.</summary>
    public async Task StartHostAsync(CancellationToken cancellationToken)
    {
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            throw new ApiException(e.Message, e);
        }
    }

    /// <summary>SIGKILL to the host: it dies mid-work, as on a crash or a lost machine.</summary>
    public Task KillHostAsync() => host.KillAsync();

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
        host.Dispose();
        azurite.Dispose();
    }
}
