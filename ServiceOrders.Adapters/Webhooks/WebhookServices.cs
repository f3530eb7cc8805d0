using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.Webhooks;

public static class WebhookServices
{
    /// <summary>
    /// Webhook subscriptions for both hosts: the API, the stores, the dispatcher and its HTTP client, and the notifier,
    /// added beside the subscriber notifiers registered before this call. The hosts add what takes jobs off the queue.
    /// </summary>
    public static IServiceCollection AddWebhookSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>()
            .Bind(configuration.GetSection(WebhookOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.HasUsableRetryDelays(), "Webhooks:RetryDelays holds at most 20 delays, each from 0 to 7 days.")
            .ValidateOnStart();

        services.AddSingleton<TableWebhookSubscriptions>();
        services.AddSingleton<TableWebhookDeliveries>();
        services.AddSingleton<WebhookQueue>();
        services.AddSingleton<WebhookNotifier>();
        services.AddTransient<WebhookDispatcher>();
        services.AddHttpClient<WebhookSender>((sp, http) => http.Timeout = sp.GetRequiredService<IOptions<WebhookOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // A redirect would send the signed event to a URL nobody validated; it counts as a refusal.
                AllowAutoRedirect = false,
                UseCookies = false,
            });

        return services.AddSubscriberNotifier<WebhookNotifier>();
    }

    /// <summary>
    /// Makes <typeparamref name="TNotifier"/> one more subscriber channel: every <see cref="ISubscriberNotifier"/>
    /// registered so far is wrapped, with it, in one <see cref="CompositeSubscriberNotifier"/>, so a registration made
    /// before this call keeps working. One made after it replaces the composite.
    /// </summary>
    public static IServiceCollection AddSubscriberNotifier<TNotifier>(this IServiceCollection services)
        where TNotifier : class, ISubscriberNotifier
    {
        var earlier = services.Where(d => d.ServiceType == typeof(ISubscriberNotifier) && !d.IsKeyedService).ToList();
        foreach (var descriptor in earlier)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton<ISubscriberNotifier>(sp => new CompositeSubscriberNotifier(
            [.. earlier.Select(d => Resolve(sp, d)), sp.GetRequiredService<TNotifier>()]));
        return services;
    }

    static ISubscriberNotifier Resolve(IServiceProvider services, ServiceDescriptor descriptor) =>
        (ISubscriberNotifier)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.GetServiceOrCreateInstance(services, descriptor.ImplementationType!));
}
