using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Adapters.Storage;

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
