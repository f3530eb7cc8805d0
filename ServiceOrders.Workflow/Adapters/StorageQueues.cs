using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Workflow.Adapters;

/// <summary>Names of the storage queues the product writes to and reads from.</summary>
public static class QueueNames
{
    public const string FieldDispatches = "field-dispatches";
    public const string FieldCancellations = "field-cancellations";
    public const string HeadEndCommands = "headend-commands";
    public const string CisReplies = "cis-replies";

    /// <summary>Subscriber notifications as structured-mode CloudEvents JSON, where no Service Bus topic is configured.</summary>
    public const string ServiceOrderEvents = "service-order-events";

    /// <summary>Service order requests (JSON <c>ServiceOrderRequest</c>), read by the standalone host where no Service Bus is configured.</summary>
    public const string ServiceOrderRequests = "service-order-requests";

    /// <summary>Intake messages set aside with their reason (bad, or failing on every allowed delivery).</summary>
    public const string ServiceOrderRequestsPoison = "service-order-requests-poison";
}

/// <summary>Sends JSON messages to storage queues, creating each queue the first time it is used.</summary>
public sealed class StorageQueues(QueueServiceClient service)
{
    readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> queues = new();

    public QueueServiceClient Service => service;

    public async Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = queues.GetOrAdd(name, n => new Lazy<Task<QueueClient>>(async () =>
        {
            var client = service.GetQueueClient(n);
            await client.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return client;
        }));

        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch
        {
            queues.TryRemove(name, out _);
            throw;
        }
    }

    public async Task SendAsync<T>(string queueName, T message, CancellationToken cancellationToken)
    {
        var queue = await GetAsync(queueName, cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, ServiceOrdersJson.Options), cancellationToken);
    }
}
