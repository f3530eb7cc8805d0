using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ServiceOrders.Cli.Bench;

/// <summary>
/// Reads a queue as an outside system would, hands every message to a reader, and deletes what it read, so the queue
/// stays short however long the run.
/// </summary>
internal static class QueueDrain
{
    static readonly TimeSpan IdlePause = TimeSpan.FromMilliseconds(200);
    static readonly TimeSpan Invisible = TimeSpan.FromMinutes(5);

    /// <summary>Reads until cancelled; <paramref name="read"/> gets each message and when it was read.</summary>
    public static async Task RunAsync(QueueClient queue, TimeProvider time, Action<QueueMessage, DateTimeOffset> read, CancellationToken cancellationToken)
    {
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        while (!cancellationToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(32, Invisible, cancellationToken)).Value;
            }
            catch (RequestFailedException)
            {
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(IdlePause, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            var seenAt = time.GetUtcNow();
            foreach (var message in messages)
            {
                read(message, seenAt);
            }

            await Task.WhenAll(messages.Select(m => DeleteAsync(queue, m, cancellationToken)));
        }
    }

    static async Task DeleteAsync(QueueClient queue, QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException)
        {
            // Read already; a copy that comes back is read again and ignored.
        }
    }
}
