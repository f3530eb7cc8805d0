using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Workflow.Ports;

/// <summary>
/// A deadline an order waits under without a durable timer: when <paramref name="DueAt"/> passes and the entry is still
/// on the board, the deadline sweep raises <see cref="Orchestration.OrderEvents.DeadlinePassed"/> on the order with
/// <paramref name="ActivityId"/>, once.
/// </summary>
public sealed record DeadlineEntry(OrderId OrderId, StepId ActivityId, DateTimeOffset DueAt);

/// <summary>
/// The deadlines of waits for outside answers (head-end commands, crews), kept in storage and swept, instead of one
/// durable timer per wait. Both calls are idempotent: activities run at least once.
/// </summary>
public interface IDeadlineBoard
{
    /// <summary>Puts the deadline on the board, or leaves it as it is when it is there already.</summary>
    Task SetAsync(DeadlineEntry entry, CancellationToken cancellationToken);

    /// <summary>Takes the deadline off the board once its wait is over; nothing happens when it is not there.</summary>
    Task ClearAsync(OrderId orderId, StepId activityId, DateTimeOffset dueAt, CancellationToken cancellationToken);
}
