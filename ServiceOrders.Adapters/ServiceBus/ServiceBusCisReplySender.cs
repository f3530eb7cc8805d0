using System.Net.Mime;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Adapters.ServiceBus;

/// <summary>
/// Replies to the CIS on its Service Bus queue. The message id is the reply's idempotency key, so the queue's duplicate
/// detection drops a reply sent twice; the correlation id is the CIS request id; the subject is the reply kind.
/// </summary>
public sealed class ServiceBusCisReplySender(ServiceBusSender sender) : ICisReplySender
{
    public Task SendAsync(CisReply reply, CancellationToken cancellationToken) =>
        sender.SendMessageAsync(ToMessage(reply), cancellationToken);

    public static ServiceBusMessage ToMessage(CisReply reply) => new(JsonSerializer.SerializeToUtf8Bytes(reply, ServiceOrdersJson.Options))
    {
        MessageId = reply.MessageId,
        CorrelationId = reply.RequestId,
        Subject = reply.Kind.ToString(),
        ContentType = MediaTypeNames.Application.Json,
        ApplicationProperties =
        {
            ["requestingSystem"] = reply.RequestingSystem,
            ["kind"] = reply.Kind.ToString(),
        },
    };
}
