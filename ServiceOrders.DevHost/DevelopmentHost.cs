using ServiceOrders.DevHost.Bench;
using ServiceOrders.Host;
using ServiceOrders.Host.Security;
using ServiceOrders.Simulators;

namespace ServiceOrders.DevHost;

/// <summary>
/// The standalone host as a developer runs it: the product, plus the simulated head-end and crews when
/// <c>Simulators:Enabled</c> is true and the benchmark's diagnostics when <c>Bench:Enabled</c> is true. The simulators
/// talk to the product only through its public API and queues, as the outside systems would.
/// </summary>
public static class DevelopmentHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null) =>
        StandaloneHost.Build(
            args,
            builder =>
            {
                builder.Services.AddServiceOrderSimulators(builder.Configuration, StandaloneHost.ListeningAddress);
                // The simulators call the API as the outside systems would; unless given a key of their own, they use the host's first.
                builder.Services.AddOptions<SimulatorOptions>()
                    .PostConfigure<IConfiguration>((simulators, configuration) => simulators.ApiKey ??= SecurityOptions.FirstApiKey(configuration));
                builder.Services.AddBenchDiagnostics(builder.Configuration);
                configure?.Invoke(builder);
            },
            app => app.MapBenchDiagnostics());
}
