using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Adapters.Webhooks;

namespace ServiceOrders.Host.Subscribers;

/// <summary>
/// The standalone host's webhook dispatcher: takes jobs off the <c>webhook-deliveries</c> queue as the Functions
/// queue trigger does, and hands each to the shared <see cref="WebhookDispatcher"/>. A message is deleted only after
/// its outcome is recorded; one that cannot be read, or fails <see cref="MaxDequeueCount"/> times, moves to the poison
/// queue, as in Azure Functions. The <see cref="QueuePump"/> reads the queue; this is its handler.
/// </summary>
public sealed class WebhookDeliveryWorker(
    StorageConnection storage,
    StorageQueues queues,
    IServiceScopeFactory scopes,
    IOptionsMonitor<QueuePumpOptions> pumps,
    ILogger<WebhookDeliveryWorker> logger) : QueuePumpService, IQueueMessageHandler
{
    public const int MaxDequeueCount = 5;

    /// <summary>The name of its <see cref="QueuePumpOptions"/>, bound from <c>QueuePumps:Webhooks</c>.</summary>
    public const string PumpName = "Webhooks";

    /// <summary>Today's settings of the dispatcher (<c>Webhooks:*</c>) are the pump's defaults.</summary>
    internal static void Defaults(QueuePumpOptions pump, WebhookOptions webhooks)
    {
        pump.BatchSize = 32;
        pump.MaxConcurrency = webhooks.MaxConcurrentDeliveries;
        // Long enough for one try and its record; renewed while a try takes longer.
        pump.VisibilityTimeout = webhooks.RequestTimeout + TimeSpan.FromMinutes(1);
        pump.MaxIdleDelay = webhooks.PollInterval;
        pump.MaxDequeueCount = MaxDequeueCount;
    }

    // The queue is read as stored and decoded here, so one message that is not base64 cannot fail every receive.
    protected override QueuePump CreatePump() => new(QueuePump.RawQueue(storage, WebhookQueue.Name), this, pumps.Get(PumpName), logger);

    public async Task<QueueMessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var job = WebhookQueue.Parse(BodyOf(message));
        if (job is null)
        {
            return new QueueMessageOutcome.Poison("unreadable");
        }

        using var scope = scopes.CreateScope();
        await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().HandleAsync(job, message.MessageId, cancellationToken);
        return QueueMessageOutcome.Completed;
    }

    /// <summary>The poison record is the job as it came, never expiring, as the Functions host keeps it.</summary>
    public async Task RecordPoisonAsync(QueueMessage message, QueueMessageOutcome.Poison poison, CancellationToken cancellationToken)
    {
        var queue = await queues.GetAsync(WebhookQueue.PoisonName, cancellationToken);
        await queue.SendMessageAsync(BodyOf(message), timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }

    static BinaryData BodyOf(QueueMessage message) => new(QueuePump.BodyOf(message.Body.ToString()));
}
