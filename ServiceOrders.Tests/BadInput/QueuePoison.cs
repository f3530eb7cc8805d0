using System.Text.Json;
using Azure.Storage.Queues;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.BadInput;

/// <summary>
/// Finds records on a poison queue that other tests write to as well: it looks at the first ones, and when its record
/// is not among them, receives them in batches and puts back the ones that are not its, so it finds its record however
/// many lie before it.
/// </summary>
public sealed class QueuePoison(string queueName)
{
    readonly QueueClient queue = new(TestStorage.ConnectionString, queueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    public Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what) =>
        WaitForDocumentAsync(match, what).ContinueWith(t => t.Result.RootElement.Clone(), TaskScheduler.Default);

    async Task<JsonDocument> WaitForDocumentAsync(Func<JsonElement, bool> match, string what) =>
        await Eventually.GetAsync(async () =>
        {
            await queue.CreateIfNotExistsAsync();

            // Usually the record is among the first ones, and a look does not disturb anyone.
            foreach (var peeked in (await queue.PeekMessagesAsync(32)).Value)
            {
                var document = JsonDocument.Parse(peeked.Body.ToString());
                if (match(document.RootElement))
                {
                    return document;
                }

                document.Dispose();
            }

            foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(2))).Value)
            {
                var document = JsonDocument.Parse(message.Body.ToString());
                if (match(document.RootElement))
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    return document;
                }

                // Not ours: visible again at once (and behind the rest), for the next look and for other tests.
                document.Dispose();
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }

            return null;
        }, what, TimeSpan.FromSeconds(60));
}
