using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Simulators;

public static class SimulatorServices
{
    /// <summary>
    /// Adds the simulated head-end and field crews when <c>Simulators:Enabled</c> is true. They answer to the API at
    /// the address <paramref name="apiBaseAddress"/> gives once the host is listening.
    /// </summary>
    public static IServiceCollection AddServiceOrderSimulators(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, Uri> apiBaseAddress)
    {
        var section = configuration.GetSection(SimulatorOptions.SectionName);
        services.AddOptions<SimulatorOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SimulatorLedger>();
        services.AddSingleton<CrewBoard>();
        if (!section.GetValue<bool>(nameof(SimulatorOptions.Enabled)))
        {
            return services;
        }

        services.AddHttpClient(QueueSimulator<object>.HttpClientName, (sp, http) =>
        {
            http.BaseAddress = apiBaseAddress(sp);
            if (sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.ApiKey is { Length: > 0 } apiKey)
            {
                http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, apiKey);
            }
        });
        services.AddHostedService<HeadEndSimulator>();
        services.AddHostedService<FieldCrewSimulator>();
        services.AddHostedService<FieldCancellationListener>();
        return services;
    }
}
