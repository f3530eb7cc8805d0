using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace ServiceOrders.Cli.Integration;

/// <summary>A queue message read as the README describes it: JSON text, base64-encoded (or not, when <see cref="WasBase64"/> is false).</summary>
internal sealed record QueueDocument(string MessageId, DateTimeOffset? InsertedOn, bool WasBase64, string Json, JsonElement Root);

/// <summary>
/// The storage queues as an outside system reads and writes them, with plain text messages: the JSON is encoded and
/// decoded here, as the README says (base64 of UTF-8 JSON), not by the SDK. Reading takes only the messages that belong
/// to this run and makes every other message visible again, so a queue shared with other readers loses nothing (their
/// dequeue count goes up by one).
/// </summary>
internal sealed class StorageQueueInbox(QueueServiceClient service)
{
    /// <summary>How long messages of others stay hidden while one sweep looks through the queue.</summary>
    static readonly TimeSpan SweepVisibility = TimeSpan.FromSeconds(15);

    /// <summary>The most messages one receive call returns.</summary>
    const int BatchSize = 32;

    /// <summary>Bounds one sweep of a busy queue; what is left is seen by the next sweep.</summary>
    const int MaxBatchesPerSweep = 8;

    /// <summary>A client with a short retry policy, so that an unreachable account fails a check rather than hang it.</summary>
    public static QueueServiceClient Connect(string connectionString)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        options.Retry.MaxRetries = 2;
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return new QueueServiceClient(connectionString, options);
    }

    /// <summary>Puts <paramref name="json"/> on the queue as the README's intake format: base64 of its UTF-8 bytes.</summary>
    public async Task<string> SendJsonAsync(string queueName, string json, CancellationToken cancellationToken)
    {
        var queue = service.GetQueueClient(queueName);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var text = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        var receipt = await queue.SendMessageAsync(text, cancellationToken);
        return receipt.Value.MessageId;
    }

    /// <summary>
    /// Looks through the queue once. Messages for which <paramref name="isMine"/> holds are returned, and deleted when
    /// <paramref name="take"/>; all others are made visible again at the end of the sweep. A queue that does not exist yet is empty.
    /// </summary>
    public async Task<IReadOnlyList<QueueDocument>> SweepAsync(
        string queueName, Func<JsonElement, bool> isMine, bool take, CancellationToken cancellationToken)
    {
        var queue = service.GetQueueClient(queueName);
        var mine = new List<QueueDocument>();
        var held = new List<QueueMessage>();
        try
        {
            for (var batch = 0; batch < MaxBatchesPerSweep; batch++)
            {
                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(BatchSize, SweepVisibility, cancellationToken)).Value;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    break;
                }

                if (messages.Length == 0)
                {
                    break;
                }

                foreach (var message in messages)
                {
                    if (TryRead(message, out var document) && isMine(document.Root))
                    {
                        mine.Add(document);
                        if (take)
                        {
                            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                            continue;
                        }
                    }

                    held.Add(message);
                }
            }
        }
        finally
        {
            // Not cancellable: others' messages must not stay hidden because this run stopped.
            foreach (var message in held)
            {
                try
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None);
                }
                catch (RequestFailedException)
                {
                    // Gone or taken meanwhile; it reappears by itself after the sweep's visibility timeout otherwise.
                }
            }
        }

        return mine;
    }

    /// <summary>The visible messages of a queue, without hiding or removing any (at most 32).</summary>
    public async Task<IReadOnlyList<QueueDocument>> PeekAsync(string queueName, CancellationToken cancellationToken)
    {
        var queue = service.GetQueueClient(queueName);
        try
        {
            var peeked = (await queue.PeekMessagesAsync(BatchSize, cancellationToken)).Value;
            return peeked.Select(p => TryRead(p.MessageId, p.InsertedOn, p.Body, out var d) ? d : null).OfType<QueueDocument>().ToList();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return [];
        }
    }

    static bool TryRead(QueueMessage message, out QueueDocument document) =>
        TryRead(message.MessageId, message.InsertedOn, message.Body, out document);

    static bool TryRead(string messageId, DateTimeOffset? insertedOn, BinaryData body, out QueueDocument document)
    {
        document = null!;
        var text = body.ToString();
        var trimmed = text.TrimStart();
        string json;
        bool wasBase64;
        if (trimmed.StartsWith('{'))
        {
            (json, wasBase64) = (text, false);
        }
        else
        {
            var buffer = new byte[text.Length];
            if (!Convert.TryFromBase64String(text, buffer, out var written))
            {
                return false;
            }

            try
            {
                json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return false;
            }

            wasBase64 = true;
        }

        try
        {
            using var parsed = JsonDocument.Parse(json);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            document = new QueueDocument(messageId, insertedOn, wasBase64, json, parsed.RootElement.Clone());
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
