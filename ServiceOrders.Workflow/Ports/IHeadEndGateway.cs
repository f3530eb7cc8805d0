using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The head-end system of smart meters. Commands are idempotent by <see cref="HeadEndCommand.CommandId"/>.</summary>
public interface IHeadEndGateway
{
    Task SendAsync(HeadEndCommand command, CancellationToken cancellationToken);
}

/// <summary>The head-end refused a command outright (not a transient failure): the order falls back at once.</summary>
public sealed class CommandRefusedException(string message) : Exception(message);
