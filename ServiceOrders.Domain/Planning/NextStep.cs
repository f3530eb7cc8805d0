using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Domain.Planning;

/// <summary>What an order should do next, as decided by <see cref="ServiceOrderPlanner"/>.</summary>
public abstract record NextStep;

/// <summary>Run this activity, then decide again from what it reports.</summary>
public sealed record PerformActivity(ActivityKind Kind, string Reason) : NextStep;

/// <summary>The goal of the request holds: the order is complete.</summary>
public sealed record GoalReached(string Summary) : NextStep;

/// <summary>No rule can move the order forward; <see cref="ReasonCode"/> says why.</summary>
public sealed record CannotProceed(string ReasonCode, string Detail) : NextStep;

/// <summary>Limits that keep every order finite.</summary>
/// <param name="MaxSteps">Activities one order may run before it stops as stuck.</param>
/// <param name="MaxSuccessesPerActivity">How often the same kind of activity may succeed in one order before the planner calls it no progress.</param>
public sealed record PlanningPolicy(int MaxSteps = 12, int MaxSuccessesPerActivity = 2)
{
    public static PlanningPolicy Default { get; } = new();
}
