using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;

namespace ServiceOrders.Cli.Chaos;

/// <summary>
/// The CIS end of a run: sends the requests to the intake queue (again until the storage takes them, as a CIS would)
/// and takes every reply off the reply queue, keeping all of them, repeats included, so that they can be counted.
/// </summary>
internal sealed class CisInbox(QueueServiceClient queues)
{
    static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    readonly ConcurrentQueue<CisReply> replies = new();
    readonly ConcurrentDictionary<string, byte> ended = new(StringComparer.Ordinal);
    int unreadable;

    public IReadOnlyCollection<CisReply> Replies => replies;

    /// <summary>Orders with a final reply (completed, rejected, failed or cancelled).</summary>
    public int EndedCount => ended.Count;

    /// <summary>Reply messages that were not a reply: counted, never silently dropped.</summary>
    public int Unreadable => Volatile.Read(ref unreadable);

    /// <summary>Sends a request as a CIS does: JSON on the intake queue; while the storage is down, it tries again.</summary>
    public async Task SendAsync(ServiceOrderRequest request, CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(QueueNames.ServiceOrderRequests);
        var json = JsonSerializer.Serialize(request, ServiceOrdersJson.Options);
        while (true)
        {
            try
            {
                await queue.SendMessageAsync(json, cancellationToken);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
            {
                await Task.Delay(RetryPause, cancellationToken);
            }
        }
    }

    /// <summary>Takes replies off the queue until cancelled; rides out a storage restart.</summary>
    public async Task CollectAsync(CancellationToken cancellationToken)
    {
        var queue = queues.GetQueueClient(QueueNames.CisReplies);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (await DrainOnceAsync(queue, cancellationToken) == 0)
                {
                    await Task.Delay(RetryPause, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or AggregateException)
            {
                await Task.Delay(RetryPause, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Takes what is on the queue now; returns how many messages it took.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken) =>
        await DrainOnceAsync(queues.GetQueueClient(QueueNames.CisReplies), cancellationToken);

    async Task<int> DrainOnceAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        var taken = 0;
        while (true)
        {
            Azure.Storage.Queues.Models.QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30), cancellationToken)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return taken;
            }

            if (messages.Length == 0)
            {
                return taken;
            }

            foreach (var message in messages)
            {
                Record(message.Body);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                taken++;
            }
        }
    }

    void Record(BinaryData body)
    {
        CisReply? reply;
        try
        {
            reply = JsonSerializer.Deserialize<CisReply>(body, ServiceOrdersJson.Options);
        }
        catch (JsonException)
        {
            reply = null;
        }

        if (reply is null)
        {
            Interlocked.Increment(ref unreadable);
            return;
        }

        replies.Enqueue(reply);
        if (reply.Kind.IsFinal())
        {
            ended.TryAdd(reply.RequestId, 0);
        }
    }
}
