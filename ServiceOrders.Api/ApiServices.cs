using ServiceOrders.Api.ReadModel;
using ServiceOrders.Api.Registry;
using ServiceOrders.Api.Webhooks;

namespace ServiceOrders.Api;

/// <summary>The handlers of the HTTP API, for either host to route requests to.</summary>
public static class ApiServices
{
    /// <summary>Adds the API's handlers; the workflow and its adapters (<c>AddServiceOrdersWorkflow</c>) come first.</summary>
    public static IServiceCollection AddServiceOrdersApi(this IServiceCollection services)
    {
        services.AddSingleton<OrderApi>();
        services.AddSingleton<ServicePointImport>();
        services.AddSingleton<WebhookSubscriptionApi>();
        services.AddReadModelApi();
        return services;
    }
}
