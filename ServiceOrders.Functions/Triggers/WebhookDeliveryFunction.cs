using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Adapters;
using ServiceOrders.Adapters.Webhooks;

namespace ServiceOrders.Functions.Triggers;

/// <summary>
/// The Functions app's webhook dispatcher: a queue trigger on <c>webhook-deliveries</c> handing each job to the shared
/// <see cref="WebhookDispatcher"/>. Returning deletes the message, after its outcome is recorded; throwing leaves it to
/// come back, and after the host's <c>maxDequeueCount</c> (5) it moves to <c>webhook-deliveries-poison</c>.
/// </summary>
public sealed class WebhookDeliveryFunction(WebhookDispatcher dispatcher)
{
    [Function("DeliverWebhook")]
    public async Task RunAsync(
        [QueueTrigger(WebhookQueue.Name, Connection = WorkflowServices.StorageConnectionSetting)] QueueMessage message,
        CancellationToken cancellationToken)
    {
        var job = WebhookQueue.Parse(message.Body)
            ?? throw new InvalidOperationException($"Queue message {message.MessageId} is not a webhook delivery job.");
        await dispatcher.HandleAsync(job, message.MessageId, cancellationToken);
    }
}
