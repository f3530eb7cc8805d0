using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Adapters.Weather;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Api.Webhooks;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Contracts.Subscribers;

namespace ServiceOrders.Host.Subscribers;

/// <summary>
/// The standalone host's webhook dispatcher: takes jobs off the <c>webhook-deliveries</c> queue as the Functions
/// queue trigger does, and hands each to the shared <see cref="WebhookDispatcher"/>. A message is deleted only after
/// its outcome is recorded; one that cannot be read, or fails <see cref="MaxDequeueCount"/> times, moves to the poison
/// queue, as in Azure Functions.
/// </summary>
public sealed partial class WebhookDeliveryWorker(
    StorageQueues queues,
    IServiceScopeFactory scopes,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    public const int MaxDequeueCount = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;

        // Long enough for one try and its record; a message whose dispatcher stopped comes back after it.
        var invisible = settings.RequestTimeout + TimeSpan.FromMinutes(1);
        QueueClient? queue = null;
        using var slots = new SemaphoreSlim(settings.MaxConcurrentDeliveries);
        var inFlight = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                QueueMessage[] messages = [];
                try
                {
                    queue ??= await queues.GetAsync(WebhookQueue.Name, stoppingToken);
                    var free = Math.Min(32, slots.CurrentCount);
                    if (free > 0)
                    {
                        messages = (await queue.ReceiveMessagesAsync(free, invisible, stoppingToken)).Value;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogReceiveFailed(logger, ex.Message);
                }

                foreach (var message in messages)
                {
                    await slots.WaitAsync(stoppingToken);
                    inFlight.Add(HandleAsync(queue!, message, slots, stoppingToken));
                }

                inFlight.RemoveAll(t => t.IsCompleted);
                if (messages.Length == 0 || slots.CurrentCount == 0)
                {
                    await Task.Delay(settings.PollInterval, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. Messages taken but not handled come back when their invisibility ends.
        }

        await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    async Task HandleAsync(QueueClient queue, QueueMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            var job = WebhookQueue.Parse(message.Body);
            if (job is null || message.DequeueCount > MaxDequeueCount)
            {
                await MoveToPoisonAsync(queue, message, job is null ? "unreadable" : $"failed {MaxDequeueCount} times");
                return;
            }

            using var scope = scopes.CreateScope();
            await scope.ServiceProvider.GetRequiredService<WebhookDispatcher>().HandleAsync(job, message.MessageId, stoppingToken);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Left on the queue: it comes back when its invisibility ends, and the dispatcher picks up where it was.
            LogDeliveryFailed(logger, message.MessageId, message.DequeueCount, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the message comes back for the next run.
        }
        finally
        {
            slots.Release();
        }
    }

    async Task MoveToPoisonAsync(QueueClient queue, QueueMessage message, string why)
    {
        var poison = await queues.GetAsync(WebhookQueue.PoisonName, CancellationToken.None);
        await poison.SendMessageAsync(message.Body, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: CancellationToken.None);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        LogPoisoned(logger, message.MessageId, why);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the webhook delivery queue: {Error}")]
    static partial void LogReceiveFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery message {MessageId} (dequeued {DequeueCount} times) failed: {Error}; it will come back")]
    static partial void LogDeliveryFailed(ILogger logger, string messageId, long dequeueCount, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery message {MessageId} moved to the poison queue: {Reason}")]
    static partial void LogPoisoned(ILogger logger, string messageId, string reason);
}
