using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>
/// How long an order waits for each kind of answer, and its planning limits. Captured into the orchestration's input
/// when the order starts, so a configuration change never alters an order in flight (and replays stay deterministic).
/// </summary>
public sealed record OrderPolicy(TimeSpan FieldDeadline, TimeSpan CommandDeadline, PlanningPolicy Planning, ActivityRetry? Retry = null)
{
    public static OrderPolicy Default { get; } = new(TimeSpan.FromDays(3), TimeSpan.FromMinutes(30), PlanningPolicy.Default);

    public ActivityRetry RetryOrDefault => Retry ?? ActivityRetry.Default;
}

/// <summary>
/// How often an activity that throws (storage or network trouble) is tried again, with doubling intervals, before the
/// order gives up on it.
/// </summary>
public sealed record ActivityRetry(int MaxAttempts, TimeSpan FirstInterval)
{
    public static ActivityRetry Default { get; } = new(6, TimeSpan.FromSeconds(2));
}

/// <summary>The input of a service order orchestration.</summary>
public sealed record ServiceOrderStart(ServiceOrderRequest Request, OrderPolicy Policy, DateTimeOffset ReceivedAt);
