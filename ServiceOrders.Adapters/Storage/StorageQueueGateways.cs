using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Storage;

/// <summary>
/// The ports to outside systems over storage queues, for local runs and for systems that read queues. Every message
/// carries its idempotency key (activity id, message id): a queue may hold a message
/// twice when an activity runs twice, and receivers drop the repeat by that key. Each carries the W3C trace context of
/// the order's trace (<c>traceparent</c>, <c>tracestate</c>) when tracing is on.
/// </summary>
public sealed class StorageQueueGateways(StorageQueues queues) : IFieldWorkGateway, ICisReplySender
{
    public Task DispatchAsync(FieldDispatch dispatch, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.FieldDispatches, dispatch with { TraceParent = ServiceOrdersTracing.CurrentTraceParent, TraceState = ServiceOrdersTracing.CurrentTraceState }, cancellationToken);

    public Task CancelAsync(FieldCancellation cancellation, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.FieldCancellations, cancellation with { TraceParent = ServiceOrdersTracing.CurrentTraceParent, TraceState = ServiceOrdersTracing.CurrentTraceState }, cancellationToken);

    public Task SendAsync(CisReply reply, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueNames.CisReplies, reply with { TraceParent = ServiceOrdersTracing.CurrentTraceParent, TraceState = ServiceOrdersTracing.CurrentTraceState }, cancellationToken);
}
