using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>Replies to the requesting system. Idempotent by <see cref="CisReply.MessageId"/>.</summary>
public interface ICisReplySender
{
    Task SendAsync(CisReply reply, CancellationToken cancellationToken);
}
