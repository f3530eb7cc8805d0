using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceOrders.Simulators;

namespace ServiceOrders.Cli.Chaos;

/// <summary>
/// The head-end and the field crews, run in this process rather than in the host, so that what they carried out (the
/// <see cref="SimulatorLedger"/>, by idempotency key) outlives every kill of the host. They reach the product only
/// through its queues and its public HTTP endpoints.
/// </summary>
internal sealed class OutsideSystems : IAsyncDisposable
{
    readonly IHost host;
    bool stopped;

    OutsideSystems(IHost host) => this.host = host;

    public SimulatorLedger Ledger => host.Services.GetRequiredService<SimulatorLedger>();

    public static async Task<OutsideSystems> StartAsync(
        string storageConnectionString, Uri api, string apiKey, TimeSpan headEndDelay, TimeSpan crewDelay, string logFile, CancellationToken cancellationToken)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Simulators:Enabled"] = "true",
            ["Simulators:ApiKey"] = apiKey,
            ["Simulators:PollInterval"] = "00:00:00.100",
            ["Simulators:HeadEnd:Delay"] = headEndDelay.ToString("c", CultureInfo.InvariantCulture),
            ["Simulators:FieldCrew:Delay"] = crewDelay.ToString("c", CultureInfo.InvariantCulture),
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(LocalStorage.Queues(storageConnectionString));
        builder.Services.AddServiceOrderSimulators(builder.Configuration, _ => api);

        // Their warnings (a host that is down, an answer to retry) are expected in this run; they go to a file.
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        builder.Logging.AddProvider(new FileLoggerProvider(log));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new OutsideSystems(host);
    }

    /// <summary>Stops them; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await host.StopAsync(stopping.Token);
        host.Dispose();
    }
}
