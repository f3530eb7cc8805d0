using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.ServiceBus;


namespace ServiceOrders.Host.Intake;

public static class IntakeHostServices
{
    /// <summary>
    /// The intake of service order requests by message: a Service Bus processor on <c>ServiceBus:IntakeQueue</c> when a
    /// Service Bus connection is configured, otherwise a listener on the storage queue <c>service-order-requests</c>.
    /// </summary>
    public static IServiceCollection AddServiceOrderIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddServiceOrderIntakeHandler(configuration);
        if (ServiceBusConnection.IsConfigured(configuration))
        {
            services.AddHostedService<ServiceBusIntakeProcessor>();
        }
        else
        {
            services.AddHostedService<StorageQueueIntakeListener>();
        }

        return services;
    }
}
