using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Disable service (move-out). Goal (<see cref="Goals.DisableService"/>): a final reading was taken in this order and,
/// where the policy says so, service is off. A meter the head-end reads is read first, so the reading does not wait for
/// the turn-off; a crew's turn-off brings its own reading, and a crew reads the meter only if nothing else did. Reading
/// after the turn-off is as good: nothing flows in between.
/// </summary>
sealed class DisableServiceProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.DisableService;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => Requirements.Meter(situation);

    public NextStep Decide(OrderSituation situation)
    {
        if (situation.Point is not { Unmetered: false, Meter: not null } point)
        {
            return Requirements.NoMeter(situation);
        }

        var readRemotely = situation.ReadActivity();
        if (!situation.ReadingTaken && readRemotely != ActivityKind.FieldRead)
        {
            return new PerformActivity(readRemotely, "No final reading yet.");
        }

        if (situation.Policy.DisconnectOnMoveOut && !OrderSituation.IsOff(point))
        {
            return new PerformActivity(situation.DisconnectActivity(ActivityKind.TurnOff), "Service is not off.");
        }

        return new PerformActivity(ActivityKind.FieldRead, "No final reading yet.");
    }

    public string Reached(OrderSituation situation) =>
        situation.Policy.DisconnectOnMoveOut ? "A final reading was taken and service is off." : "A final reading was taken.";
}
