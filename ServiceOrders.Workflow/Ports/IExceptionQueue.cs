using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The operators' list of orders in exception. Opening and closing are idempotent by order id.</summary>
public interface IExceptionQueue
{
    Task OpenAsync(OrderException exception, CancellationToken cancellationToken);

    Task CloseAsync(OrderId orderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderException>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Removes the answer conflict of <paramref name="stepId"/> (an activity or command id) once a person has dealt with it; false if there is none.</summary>
    Task<bool> DismissAnswerConflictAsync(string stepId, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the order's exception to <paramref name="assignee"/> (null: to nobody) as of <paramref name="at"/>; the
    /// entry as it is now, or null when the order is not on the list.
    /// </summary>
    Task<OrderException?> AssignAsync(OrderId orderId, string? assignee, DateTimeOffset at, CancellationToken cancellationToken);
}
