using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>A crew's completion of a field activity, as raised on the order.</summary>
public sealed record FieldWorkCompleted(FieldActivityId ActivityId, FieldCompletion Completion);

/// <summary>A head-end's answer to a command, as raised on the order.</summary>
public sealed record HeadEndAnswered(CommandId ActivityId, HeadEndResult Result);

/// <summary>
/// The deadline sweep's word that the deadline of <paramref name="ActivityId"/> passed while it was still on the
/// <see cref="Ports.IDeadlineBoard"/>: the wait for that activity's answer is over.
/// </summary>
public sealed record DeadlinePassed(string ActivityId, DateTimeOffset DueAt);

/// <summary>Names of the external events a service order waits for.</summary>
public static class OrderEvents
{
    public const string FieldWorkCompleted = nameof(Orchestration.FieldWorkCompleted);
    public const string HeadEndAnswered = nameof(Orchestration.HeadEndAnswered);
    public const string CancelRequested = nameof(Contracts.Orders.CancelRequested);
    public const string OrderUpdated = nameof(Contracts.Orders.OrderUpdated);
    public const string OperatorAction = nameof(Contracts.Orders.OperatorAction);
    public const string DeadlinePassed = nameof(Orchestration.DeadlinePassed);
}
