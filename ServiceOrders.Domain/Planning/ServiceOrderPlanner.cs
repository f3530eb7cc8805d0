using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Domain.Planning;

/// <summary>
/// Decides the next step of an order from its situation. Pure: no I/O, no clock, no randomness, so the orchestrator
/// can call it on every replay and tests can call it exhaustively.
/// </summary>
public static class ServiceOrderPlanner
{
    static readonly Dictionary<RequestType, IOrderProcess> Processes = new IOrderProcess[]
    {
        new EnableServiceProcess(),
    }.ToDictionary(p => p.RequestType);

    public static bool Supports(RequestType requestType) => Processes.ContainsKey(requestType);

    /// <summary>Checks of the request against the registered service point; an order that fails them is rejected.</summary>
    public static IReadOnlyList<ValidationError> Preconditions(OrderSituation situation)
    {
        var errors = new List<ValidationError>();
        if (situation.Request.Commodity != situation.Point.Commodity)
        {
            errors.Add(new(ReasonCodes.CommodityMismatch, "commodity", $"The service point delivers {situation.Point.Commodity}, not {situation.Request.Commodity}."));
        }

        if (Processes.TryGetValue(situation.Request.RequestType, out var process))
        {
            errors.AddRange(process.Preconditions(situation));
        }
        else
        {
            errors.Add(new(ReasonCodes.UnsupportedRequestType, "requestType", $"{situation.Request.RequestType} orders are not supported."));
        }

        return errors;
    }

    public static NextStep Decide(OrderSituation situation, PlanningPolicy policy)
    {
        if (!Processes.TryGetValue(situation.Request.RequestType, out var process))
        {
            return new CannotProceed(ReasonCodes.UnsupportedRequestType, $"{situation.Request.RequestType} orders are not supported.");
        }

        if (situation.History.Count > 0 && situation.History[^1] is { Succeeded: false } last)
        {
            return new CannotProceed(ReasonCodes.ActivityFailed, $"{last.Kind} {last.Result}{(last.Detail is null ? "" : ": " + last.Detail)}.");
        }

        var next = process.Decide(situation);
        if (next is not PerformActivity activity)
        {
            return next;
        }

        if (situation.History.Count >= policy.MaxSteps)
        {
            return new CannotProceed(ReasonCodes.StepBoundReached, $"{policy.MaxSteps} activities ran and the goal still does not hold.");
        }

        var successes = situation.History.Count(h => h.Succeeded && h.Kind == activity.Kind);
        if (successes >= policy.MaxSuccessesPerActivity)
        {
            return new CannotProceed(ReasonCodes.NoProgress, $"{activity.Kind} succeeded {successes} times, yet the state still calls for it.");
        }

        return activity;
    }
}
