using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Device status check. Goal (<see cref="Goals.DeviceStatusCheck"/>): the meter's reachability is known. The head-end
/// pings it; an answer means reachable, and pings that keep failing (or a rejected one) mean unreachable: that is the
/// finding, not a failure, so no crew is sent.
/// </summary>
sealed class DeviceStatusCheckProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.DeviceStatusCheck;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation)
    {
        if (situation.Point.Meter is not { AcceptsCommands: true } || situation.Point.Unmetered)
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "servicePointId", "Only a commissioned smart meter can be pinged.");
        }
    }

    public NextStep Decide(OrderSituation situation) =>
        situation.Point.Meter is not { AcceptsCommands: true } || situation.Point.Unmetered
            ? new CannotProceed(ReasonCodes.NotPossibleForMeter, "Only a commissioned smart meter can be pinged.")
            : new PerformActivity(ActivityKind.Ping, "Reachability not known yet.");

    public string Reached(OrderSituation situation)
    {
        if (situation.History.Any(r => r.Succeeded && r.Kind == ActivityKind.Ping))
        {
            return "Meter reachable.";
        }

        var pings = situation.FailedAttempts(ActivityKind.Ping);
        return situation.Recent.LastOrDefault(r => r.Kind == ActivityKind.Ping)?.Result == ActivityResult.Rejected
            ? "Meter unreachable: the head-end rejected the ping."
            : $"Meter unreachable after {pings} ping{(pings == 1 ? "" : "s")}.";
    }
}
