using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Adapters.Deadlines;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Adapters.Weather;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters;

public static class WorkflowServices
{
    /// <summary>The setting that names the storage account, as in Azure Functions.</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>The section that says how each head-end is reached (<c>HeadEnds:{headEndId}</c>).</summary>
    public const string HeadEndsSection = "HeadEnds";

    /// <summary>Everything both hosts share: options, ports over Azure Storage, activities and the API.</summary>
    public static IServiceCollection AddServiceOrdersWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<OrderPolicyOptions>()
            .Bind(configuration.GetSection(OrderPolicyOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(
                o => DisconnectRules.FindProblems(o.Disconnects.ToPolicy()).Count == 0,
                "Orders:Disconnects is not a usable set of disconnect rules (time zone, window, limits).")
            .ValidateOnStart();

        var storage = StorageConnection.From(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(storage.CreateQueueServiceClient());
        services.AddSingleton(storage.CreateTableServiceClient());
        services.AddSingleton<StorageQueues>();
        services.AddSingleton<StorageQueueGateways>();
        services.AddSingleton<IFieldWorkGateway>(sp => sp.GetRequiredService<StorageQueueGateways>());
        var headEnds = configuration.GetSection(HeadEndsSection).Get<Dictionary<string, HeadEndEndpoint>>() ?? [];
        services.AddHttpClient(RoutingHeadEndGateway.HttpClientName);
        services.AddSingleton<AnswerForwarder>();
        services.AddSingleton(sp => new HeadEndResultIntake(
            sp.GetRequiredService<StorageQueues>(), sp.GetRequiredService<AnswerForwarder>(), configuration[HeadEndResultIntake.ResultQueueSetting] ?? HeadEndResultIntake.DefaultResultQueue));
        services.AddSingleton<IHeadEndGateway>(sp => new RoutingHeadEndGateway(
            headEnds, sp.GetRequiredService<StorageQueues>(), sp.GetRequiredService<IHttpClientFactory>()));
        services.AddServiceOrdersMessaging(configuration); // CIS replies and CloudEvents: Service Bus when configured, else storage queues
        services.AddSingleton<IServicePointRegistry, TableServicePointRegistry>();
        services.AddSingleton<StorageTables>();
        services.AddSingleton<IServicePointClaims, TableServicePointClaims>();
        services.AddSingleton<IExceptionQueue, TableExceptionQueue>();
        services.AddSingleton<IAnswerLedger, TableAnswerLedger>();
        services.AddSingleton<ICommandPacer, TableCommandPacer>();
        services.AddSingleton<IOrderIndex, TableOrderIndex>();
        services.AddSingleton<IPartnerCalls, TablePartnerCalls>();
        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TableDeadlineBoard>();
        services.AddSingleton<IDeadlineBoard>(sp => sp.GetRequiredService<TableDeadlineBoard>());
        services.AddSingleton<DeadlineSweep>();
        services.AddSingleton<WaitRecorder>();
        services.AddOptions<WeatherOptions>().Bind(configuration.GetSection(WeatherOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IWeatherForecastProvider, ConfiguredWeatherForecast>();

        foreach (var activity in WorkflowActivities.All)
        {
            services.AddSingleton(activity.ImplementationType);
        }

        // After AddServiceOrdersMessaging: the webhook notifier joins the subscriber notifier registered there.
        services.AddWebhookSubscriptions(configuration);

        // After the order list: with admission control on, it is wrapped to give admission tickets back.
        services.AddAdmissionControl(configuration);
        return services;
    }
}
