using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ServiceOrders.Cli.Bench;

/// <summary>
/// Reads <c>service-order-events</c> as a subscribing system would and counts the distinct events (by CloudEvent id)
/// about the run's orders. Left unread, the events would pile up in the queue service for the rest of the run.
/// </summary>
internal sealed class SubscriberFeed(QueueClient queue, TimeProvider time)
{
    readonly ConcurrentDictionary<string, byte> ids = new(StringComparer.Ordinal);

    public int Events => ids.Count;

    public Task RunAsync(CancellationToken cancellationToken) => QueueDrain.RunAsync(queue, time, Take, cancellationToken);

    void Take(QueueMessage message, DateTimeOffset seenAt)
    {
        try
        {
            using var document = JsonDocument.Parse(message.Body.ToMemory());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                && source.GetString()!.Contains("/" + BenchWorkload.IdPrefix, StringComparison.Ordinal))
            {
                ids.TryAdd(id.GetString()!, 0);
            }
        }
        catch (JsonException)
        {
            // Not an event of this run.
        }
    }
}
