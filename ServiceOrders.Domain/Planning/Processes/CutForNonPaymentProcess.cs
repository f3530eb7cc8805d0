using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Cut for non-payment. Goal (<see cref="Goals.CutForNonPayment"/>): service is off, with a reading at the cut for the
/// account. Smart meters are disconnected remotely and then read; otherwise (or when the command keeps failing) a crew
/// cuts, and its completion usually brings the reading. A service point found already off is only read. The rules that
/// forbid a cut (life support, weather, calendar) are the orchestrator's, checked before this runs; a read needs none.
/// </summary>
sealed class CutForNonPaymentProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.CutForNonPayment;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => Requirements.Meter(situation);

    public NextStep Decide(OrderSituation situation)
    {
        if (situation.Point is not { Unmetered: false, Meter: not null } point)
        {
            return Requirements.NoMeter(situation);
        }

        if (!OrderSituation.IsOff(point))
        {
            return new PerformActivity(situation.DisconnectActivity(ActivityKind.CutForNonPayment), "Service is not off.");
        }

        return new PerformActivity(situation.ReadActivity(), situation.TurnedOff ? "No reading at the cut." : "Service was already off; no reading yet.");
    }

    public string Reached(OrderSituation situation) =>
        situation.TurnedOff ? "Service is off and a reading was taken." : "Service was already off; a reading was taken.";
}
