using System.Text;
using ServiceOrders.Adapters;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Host.Intake;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host.HeadEnds;

/// <summary>
/// Reads the head-end result queue in the standalone host (Azure Functions reads it with a queue trigger). It reads
/// message text as stored and decodes it itself, as the intake listener does: base64 of JSON as documented, or plain
/// JSON. A client that decodes base64 on receipt fails the whole batch on one message that is not base64, and that
/// message would then block the queue forever.
/// </summary>
public sealed partial class HeadEndResultListener(
    StorageConnection storage,
    HeadEndResultIntake intake,
    IOrderEngine engine,
    TimeProvider time,
    ILogger<HeadEndResultListener> logger) : BackgroundService
{
    /// <summary>A message that failed this often for passing reasons (storage down) goes to the poison queue.</summary>
    const int MaxDequeueCount = 5;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = StorageQueueIntakeListener.RawQueue(storage, intake.ResultQueue);
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
        var idle = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(60), stoppingToken)).Value;
                foreach (var message in messages)
                {
                    var body = Encoding.UTF8.GetString(StorageQueueIntakeListener.BodyOf(message.Body.ToString()).Span);
                    if (message.DequeueCount > MaxDequeueCount)
                    {
                        await intake.PoisonAsync(body, $"Could not be delivered in {MaxDequeueCount} tries.", time.GetUtcNow(), stoppingToken);
                    }
                    else if (!await intake.HandleAsync(engine, body, time.GetUtcNow(), stoppingToken))
                    {
                        LogPoisoned(logger, message.MessageId);
                    }

                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                }

                idle = messages.Length == 0 ? TimeSpan.FromMilliseconds(Math.Min(idle.TotalMilliseconds * 2, 2000)) : TimeSpan.FromMilliseconds(250);
                if (messages.Length == 0)
                {
                    await Task.Delay(idle, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The message stays on the queue and comes back; its dequeue count bounds the retries.
                LogReadFailed(logger, ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Head-end result {MessageId} could not be delivered; it is on the poison queue")]
    static partial void LogPoisoned(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the head-end result queue: {Error}")]
    static partial void LogReadFailed(ILogger logger, string error);
}
