using Azure.Messaging.ServiceBus;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Adapters.ServiceBus;

/// <summary>Which channel CIS replies and CloudEvents take, decided by configuration alone.</summary>
public class MessagingServicesTests
{
    static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton(new StorageQueues(new QueueServiceClient("UseDevelopmentStorage=true")));
        services.AddSingleton<StorageQueueGateways>();
        services.AddServiceOrdersMessaging(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task WithoutServiceBus_RepliesAndEventsGoToStorageQueues()
    {
        await using var services = Build([]);

        Assert.IsType<StorageQueueGateways>(services.GetRequiredService<ICisReplySender>());
        Assert.IsType<StorageQueueCloudEventPublisher>(services.GetRequiredService<ISubscriberNotifier>());
        Assert.Null(services.GetService<ServiceBusClient>());
    }

    [Theory]
    [InlineData("ServiceBus:ConnectionString")]
    [InlineData("ServiceBusConnection")]
    public async Task WithAConnectionString_RepliesAndEventsGoToServiceBus(string setting)
    {
        await using var services = Build(new() { [setting] = "Endpoint=sb://orders-test.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=dGVzdA==" });

        Assert.IsType<ServiceBusCisReplySender>(services.GetRequiredService<ICisReplySender>());
        Assert.IsType<ServiceBusCloudEventPublisher>(services.GetRequiredService<ISubscriberNotifier>());
        Assert.Equal("orders-test.servicebus.windows.net", services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
    }

    [Fact]
    public async Task WithAnIdentityBasedConnection_TheClientUsesTheNamespace()
    {
        await using var services = Build(new()
        {
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "orders-prod.servicebus.windows.net",
            ["ServiceBusConnection:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("orders-prod.servicebus.windows.net", services.GetRequiredService<ServiceBusClient>().FullyQualifiedNamespace);
        Assert.IsType<ServiceBusCisReplySender>(services.GetRequiredService<ICisReplySender>());
    }

    [Fact]
    public async Task TheEntityNames_HaveTheirDefaults_AndCanBeChanged()
    {
        await using var defaults = Build([]);
        await using var changed = Build(new() { ["ServiceBus:ReplyQueue"] = "cis-east-replies" });

        var options = defaults.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceBusMessagingOptions>>().Value;
        Assert.Equal(("service-order-requests", "cis-replies", "service-order-events"), (options.IntakeQueue, options.ReplyQueue, options.EventsTopic));
        Assert.Equal("cis-east-replies", changed.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServiceBusMessagingOptions>>().Value.ReplyQueue);
    }
}
