using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Api.Operators;
using ServiceOrders.Api.ReadModel;
using ServiceOrders.Api.Registry;
using ServiceOrders.Workflow.Ports;
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
        services.TryAddSingleton<IAuditLog, TableAuditLog>();
        services.TryAddSingleton<IBulkActionStore>(sp =>
            new TableBulkActionStore(sp.GetRequiredService<StorageTables>(), sp.GetRequiredService<IOptions<BulkActionOptions>>().Value.BulkActionTable));
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<OperatorApi>();
        services.AddSingleton<BulkActionApi>();
        services.AddSingleton<BulkActionRunner>();
        services.AddOptions<BulkActionOptions>()
            .BindConfiguration(BulkActionOptions.SectionName)
            .ValidateDataAnnotations();
        services.AddReadModelApi();
        return services;
    }
}
