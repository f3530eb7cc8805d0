using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>A crew's completion of a field activity, as raised on the order.</summary>
public sealed record FieldWorkCompleted(FieldActivityId ActivityId, FieldCompletion Completion);

/// <summary>A head-end's answer to a command, as raised on the order.</summary>
public sealed record HeadEndAnswered(CommandId ActivityId, HeadEndResult Result);

/// <summary>Names of the external events a service order waits for.</summary>
public static class OrderEvents
{
    public const string FieldWorkCompleted = nameof(Orchestration.FieldWorkCompleted);
    public const string HeadEndAnswered = nameof(Orchestration.HeadEndAnswered);
    public const string CancelRequested = nameof(Contracts.Orders.CancelRequested);
    public const string OrderUpdated = nameof(Contracts.Orders.OrderUpdated);
    public const string OperatorAction = nameof(Contracts.Orders.OperatorAction);
}
