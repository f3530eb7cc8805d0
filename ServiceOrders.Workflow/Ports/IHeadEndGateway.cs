using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The head-end system of smart meters. Commands are idempotent by <see cref="HeadEndCommand.CommandId"/>.</summary>
public interface IHeadEndGateway
{
    Task SendAsync(HeadEndCommand command, CancellationToken cancellationToken);
}
