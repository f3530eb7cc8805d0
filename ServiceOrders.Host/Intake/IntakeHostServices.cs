using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Adapters.Storage;

namespace ServiceOrders.Host.Intake;

public static class IntakeHostServices
{
    /// <summary>
    /// The intake of service order requests by message: a Service Bus processor on <c>ServiceBus:IntakeQueue</c> when a
    /// Service Bus connection is configured, otherwise a listener on the storage queue <c>service-order-requests</c>; with
    /// admission control on, the pump that starts the orders waiting for admission.
    /// </summary>
    public static IServiceCollection AddServiceOrderIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceOrderIntakeHandler(configuration);
        if (AdmissionServices.IsEnabled(configuration))
        {
            services.AddHostedService<Admission.AdmissionPumpService>();
        }

        if (ServiceBusConnection.IsConfigured(configuration))
        {
            services.AddHostedService<ServiceBusIntakeProcessor>();
        }
        else
        {
            services.AddQueuePumpOptions<IntakeOptions>(StorageQueueIntakeListener.PumpName, configuration, StorageQueueIntakeListener.Defaults);
            services.AddHostedService<StorageQueueIntakeListener>();
        }

        return services;
    }

    /// <summary>
    /// The <see cref="QueuePumpOptions"/> named <paramref name="name"/>: defaults taken from the consumer's own
    /// <typeparamref name="TSettings"/>, then anything set under <c>QueuePumps:{name}</c>.
    /// </summary>
    public static IServiceCollection AddQueuePumpOptions<TSettings>(
        this IServiceCollection services, string name, IConfiguration configuration, Action<QueuePumpOptions, TSettings> defaults)
        where TSettings : class
    {
        services.AddOptions<QueuePumpOptions>(name)
            .Configure<IOptions<TSettings>>((pump, settings) => defaults(pump, settings.Value))
            .Bind(configuration.GetSection($"QueuePumps:{name}"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    /// <summary>The <see cref="QueuePumpOptions"/> named <paramref name="name"/>: <paramref name="defaults"/>, then anything set under <c>QueuePumps:{name}</c>.</summary>
    public static IServiceCollection AddQueuePumpOptions(
        this IServiceCollection services, string name, IConfiguration configuration, Action<QueuePumpOptions> defaults)
    {
        services.AddOptions<QueuePumpOptions>(name)
            .Configure(defaults)
            .Bind(configuration.GetSection($"QueuePumps:{name}"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
