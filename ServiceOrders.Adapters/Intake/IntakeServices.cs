using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServiceOrders.Adapters.Intake;

public static class IntakeServices
{
    /// <summary>
    /// The intake handler and the poison queue, for whichever transport a host runs. Needs the workflow services
    /// (<c>AddServiceOrdersWorkflow</c>) for the CIS reply channel, the order policy and the storage queues.
    /// </summary>
    public static IServiceCollection AddServiceOrderIntakeHandler(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IntakeOptions>()
            .Bind(configuration.GetSection(IntakeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<ServiceOrderIntake>();
        services.TryAddSingleton<IntakePoisonQueue>();
        return services;
    }
}
