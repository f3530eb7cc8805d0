using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.ServiceBus;

public static class MessagingServices
{
    /// <summary>
    /// The CIS reply channel and the CloudEvents publisher: over Service Bus when a Service Bus connection is configured
    /// (<see cref="ServiceBusConnection"/>), otherwise over the storage queues <c>cis-replies</c> and
    /// <c>service-order-events</c>. Registers exactly one <see cref="ICisReplySender"/> and one <see cref="ISubscriberNotifier"/>;
    /// the CloudEvents publisher is also registered as its own class, for a composite notifier to wrap.
    /// </summary>
    public static IServiceCollection AddServiceOrdersMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceBusMessagingOptions>()
            .Bind(configuration.GetSection(ServiceBusMessagingOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        if (!ServiceBusConnection.IsConfigured(configuration))
        {
            services.AddSingleton<StorageQueueCloudEventPublisher>();
            services.AddSingleton<ICisReplySender>(sp => sp.GetRequiredService<StorageQueueGateways>());
            services.AddSingleton<ISubscriberNotifier>(sp => sp.GetRequiredService<StorageQueueCloudEventPublisher>());
            return services;
        }

        services.AddSingleton(_ => ServiceBusConnection.CreateClient(configuration)!);
        services.AddSingleton(sp => new ServiceBusCisReplySender(
            sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<ServiceBusMessagingOptions>>().Value.ReplyQueue)));
        services.AddSingleton(sp => new ServiceBusCloudEventPublisher(
            sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<ServiceBusMessagingOptions>>().Value.EventsTopic)));
        services.AddSingleton<ICisReplySender>(sp => sp.GetRequiredService<ServiceBusCisReplySender>());
        services.AddSingleton<ISubscriberNotifier>(sp => sp.GetRequiredService<ServiceBusCloudEventPublisher>());
        return services;
    }
}
