using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Domain.Planning;

/// <summary>What an order should do next, as decided by <see cref="ServiceOrderPlanner"/>.</summary>
public abstract record NextStep;

/// <summary>Run this activity, then decide again from what it reports.</summary>
public sealed record PerformActivity(ActivityKind Kind, string Reason) : NextStep
{
    /// <summary>How long to wait before running it: the back-off before a command is tried again.</summary>
    public TimeSpan Delay { get; init; }
}

/// <summary>The goal of the request holds: the order is complete.</summary>
public sealed record GoalReached(string Summary) : NextStep;

/// <summary>No rule can move the order forward; <see cref="ReasonCode"/> says why.</summary>
public sealed record CannotProceed(string ReasonCode, string Detail) : NextStep;

/// <summary>Limits that keep every order finite, and choices a utility makes.</summary>
/// <param name="MaxSteps">Activities one order may run (since an operator's last retry) before it stops as stuck.</param>
/// <param name="MaxSuccessesPerActivity">How often the same kind of activity may succeed in one order before the planner calls it no progress.</param>
/// <param name="MaxCommandAttempts">Tries of a head-end command that fails or gets no answer before the matching field activity is sent instead.</param>
public sealed record PlanningPolicy(int MaxSteps = 16, int MaxSuccessesPerActivity = 2, int MaxCommandAttempts = 3)
{
    public static PlanningPolicy Default { get; } = new();

    /// <summary>The wait before the first retry of a failed command; it doubles with each further try.</summary>
    public TimeSpan CommandRetryBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether a move-out also turns service off (some utilities leave it on for the next customer).</summary>
    public bool DisconnectOnMoveOut { get; init; } = true;
}
