using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>An answer from outside that belongs to one activity of an order.</summary>
public interface IActivityAnswer
{
    string ActivityId { get; }
}

/// <summary>A crew's completion of a field activity, as raised on the order.</summary>
public sealed record FieldWorkCompleted(string ActivityId, FieldCompletion Completion) : IActivityAnswer;

/// <summary>A head-end's answer to a command, as raised on the order.</summary>
public sealed record HeadEndAnswered(string ActivityId, HeadEndResult Result) : IActivityAnswer;

/// <summary>Names of the external events a service order waits for.</summary>
public static class OrderEvents
{
    public const string FieldWorkCompleted = nameof(Orchestration.FieldWorkCompleted);
    public const string HeadEndAnswered = nameof(Orchestration.HeadEndAnswered);
    public const string CancelRequested = nameof(Contracts.Orders.CancelRequested);
    public const string OrderUpdated = nameof(Contracts.Orders.OrderUpdated);
    public const string OperatorAction = nameof(Contracts.Orders.OperatorAction);
}
