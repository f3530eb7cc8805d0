using System.Net.Mime;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.ServiceBus;

/// <summary>
/// Replies to the CIS on its Service Bus queue. The message id is the reply's idempotency key, so the queue's duplicate
/// detection drops a reply sent twice; the correlation id is the CIS request id; the subject is the reply kind.
/// </summary>
public sealed class ServiceBusCisReplySender(ServiceBusSender sender) : ICisReplySender
{
    public Task SendAsync(CisReply reply, CancellationToken cancellationToken) =>
        sender.SendMessageAsync(ToMessage(reply), cancellationToken);

    /// <summary>The reply as a message; the order's trace context goes in the body and, as Azure's SDKs expect it, in <c>Diagnostic-Id</c>.</summary>
    public static ServiceBusMessage ToMessage(CisReply reply)
    {
        reply = reply with { TraceParent = ServiceOrdersTracing.CurrentTraceParent, TraceState = ServiceOrdersTracing.CurrentTraceState };
        var message = Message(reply);
        if (reply.TraceParent is { } traceParent)
        {
            message.ApplicationProperties[DiagnosticIdProperty] = traceParent;
        }

        return message;
    }

    /// <summary>The application property Azure's messaging SDKs carry the W3C <c>traceparent</c> in.</summary>
    public const string DiagnosticIdProperty = "Diagnostic-Id";

    static ServiceBusMessage Message(CisReply reply) => new(JsonSerializer.SerializeToUtf8Bytes(reply, ServiceOrdersJson.Options))
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
