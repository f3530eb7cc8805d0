using System.Text.Json;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>The storage queue of delivery jobs. A retry is the next job, held back by the queue until its time.</summary>
public sealed class WebhookQueue(StorageQueues queues)
{
    public const string Name = QueueNames.WebhookDeliveries;

    /// <summary>Where jobs go that cannot be read or keep failing, as the Functions host names it.</summary>
    public const string PoisonName = QueueNames.WebhookDeliveriesPoison;

    /// <summary>The longest a storage queue holds a message back.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    /// <summary>Messages never expire: a job leaves the queue only once its outcome is recorded.</summary>
    static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    public async Task EnqueueAsync(WebhookDeliveryJob job, TimeSpan delay, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(Name, cancellationToken);
        // The queue counts whole seconds: round up, so a job never comes back before its delay.
        var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay >= MaxDelay ? MaxDelay : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
        await queue.SendMessageAsync(Serialize(job), visibility, NeverExpires, cancellationToken);
    }

    public static string Serialize(WebhookDeliveryJob job) => JsonSerializer.Serialize(job, ServiceOrdersJson.Options);

    /// <summary>Reads a job from a message body; null when it is not one.</summary>
    public static WebhookDeliveryJob? Parse(BinaryData body)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookDeliveryJob>(body.ToMemory().Span, ServiceOrdersJson.Options) is { Attempt: >= 1 } job
                && job.RetryDelays.Count <= 20
                && job.Attempt <= job.RetryDelays.Count + 1
                    ? job
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
