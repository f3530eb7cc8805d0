using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Planning.Processes;

namespace ServiceOrders.Domain.Planning;

/// <summary>
/// Decides the next step of an order from its situation. Pure: no I/O, no clock, no randomness, so the orchestrator
/// can call it on every replay and tests can call it exhaustively.
/// </summary>
/// <remarks>
/// The order is complete exactly when the goal of its request holds (<see cref="Goals"/>); until then the request's
/// process says what the goal still needs, and the rules here, shared by every process, decide what to do about failures (retry a command with back-off, stop on failed field work) and keep every order finite.
/// </remarks>
public static class ServiceOrderPlanner
{
    static readonly Dictionary<RequestType, IOrderProcess> Processes = new IOrderProcess[]
    {
        new EnableServiceProcess(),
        new DisableServiceProcess(),
        new CutForNonPaymentProcess(),
        new ReconnectForPaymentProcess(),
        new ExchangeMeterProcess(),
        new InstallMeterProcess(),
        new RemoveMeterProcess(),
        new ReadMeterProcess(),
        new DeviceStatusCheckProcess(),
        new InvestigateProcess(),
        new BackToBackProcess(),
        new UnmeteredItemProcess(RequestType.EnableUnmeteredItem),
        new UnmeteredItemProcess(RequestType.DisableUnmeteredItem),
    }.ToDictionary(p => p.RequestType);

    public static bool Supports(RequestType requestType) => Processes.ContainsKey(requestType);

    /// <summary>Checks of the request against the registered service point; an order that fails them is rejected.</summary>
    public static IReadOnlyList<ValidationError> Preconditions(OrderSituation situation)
    {
        var (request, point) = (situation.Request, situation.Point);
        var errors = new List<ValidationError>();
        if (request.Commodity != point.Commodity)
        {
            errors.Add(new(ReasonCodes.CommodityMismatch, "commodity", $"The service point delivers {point.Commodity}, not {request.Commodity}."));
        }

        if (request.MeterId is { } meterId && point.Meter is { } meter && meter.MeterId != meterId)
        {
            errors.Add(new(ReasonCodes.InvalidValue, "meterId", "The meter named in the request is not the meter registered at the service point."));
        }

        if (Processes.TryGetValue(request.RequestType, out var process))
        {
            errors.AddRange(process.Preconditions(situation));
        }
        else
        {
            errors.Add(new(ReasonCodes.UnsupportedRequestType, "requestType", $"{request.RequestType} orders are not supported."));
        }

        return errors;
    }

    public static NextStep Decide(OrderSituation situation)
    {
        if (!Processes.TryGetValue(situation.Request.RequestType, out var process))
        {
            return new CannotProceed(ReasonCodes.UnsupportedRequestType, $"{situation.Request.RequestType} orders are not supported.");
        }

        if (!situation.Cancelled && Goals.Hold(situation))
        {
            return new GoalReached(process.Reached(situation));
        }

        var next = situation.Cancelled ? Compensation.Decide(situation) : process.Decide(situation);
        return next is PerformActivity activity ? Check(situation, activity) : next;
    }

    /// <summary>The rules every proposed activity passes, whichever process proposed it.</summary>
    static NextStep Check(OrderSituation situation, PerformActivity activity)
    {
        var policy = situation.Policy;
        var recent = situation.Recent;

        // The activity still needed is the one that just failed. (After a cancellation the process may need something
        // else entirely; then the failure no longer matters.)
        if (recent.Count > 0 && recent[^1] is { Succeeded: false } last && last.Kind == activity.Kind)
        {
            if (ActivityKinds.ChannelOf(last.Kind) == ActivityChannel.Field)
            {
                // A crew's failure needs a person to look at it: sending the same crew again blindly rarely helps.
                return FieldFailure(last);
            }

            // Processes only propose commands that RemoteAllowed, so this one has tries left: retry it after a back-off.
            var failures = situation.FailedAttempts(last.Kind);
            activity = activity with
            {
                Reason = $"Retry {failures} of {policy.MaxCommandAttempts - 1} after {Describe(last)}. {activity.Reason}",
                Delay = policy.CommandRetryBackoff * Math.Pow(2, failures - 1),
            };
        }

        if (ActivityKinds.ChannelOf(activity.Kind) == ActivityChannel.Command && situation.CommandExhausted(activity.Kind))
        {
            // Only a command without a field activity to stand in (activating a new meter) gets here.
            return new CannotProceed(ReasonCodes.CommandExhausted,
                $"{activity.Kind} failed {situation.FailedAttempts(activity.Kind)} times or was rejected, and no field activity can do it instead.");
        }

        if (recent.Count >= policy.MaxSteps)
        {
            return new CannotProceed(ReasonCodes.StepBoundReached, $"{policy.MaxSteps} activities ran and the goal still does not hold.");
        }

        var successes = situation.History.Count(h => h.Succeeded && h.Kind == activity.Kind);
        if (successes >= policy.MaxSuccessesPerActivity)
        {
            return new CannotProceed(ReasonCodes.NoProgress, $"{activity.Kind} succeeded {successes} times, yet the state still calls for it.");
        }

        if (recent.LastOrDefault(h => h.Succeeded && h.Kind == activity.Kind) is { ByOperator: true })
        {
            // An operator recorded it done without the data the goal needs (a skipped install names no meter): doing it
            // again would undo the operator's decision; the operator must record it with its data, or retry.
            return new CannotProceed(ReasonCodes.NoProgress, $"{activity.Kind} was recorded done by an operator, yet the state still calls for it.");
        }

        return activity;
    }

    static CannotProceed FieldFailure(ActivityReport failed) => new(
        failed.Result switch
        {
            ActivityResult.NotDone => ReasonCodes.FieldWorkNotDone,
            ActivityResult.TimedOut => ReasonCodes.FieldWorkOverdue,
            _ => ReasonCodes.ActivityFailed,
        },
        failed.Result switch
        {
            ActivityResult.NotDone => $"{failed.Kind} not done{(failed.Detail is null ? "" : ": " + failed.Detail)}.",
            ActivityResult.TimedOut => $"{failed.Kind} not reported done before its deadline.",
            _ => Describe(failed) + ".",
        });

    static string Describe(ActivityReport report) =>
        $"{report.Kind} {report.Result}{(report.Detail is null ? "" : ": " + report.Detail)}";
}
