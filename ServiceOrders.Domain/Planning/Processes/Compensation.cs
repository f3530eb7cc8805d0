using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// What a cancelled order still does: undo a disconnect it already carried out (a cut that was executed is reconnected),
/// the way a reconnect for payment would. Every other request leaves the service point as the order left it: a meter
/// installed or exchanged, or a reading taken, harms no one.
/// </summary>
static class Compensation
{
    public static NextStep Decide(OrderSituation situation)
    {
        if (situation.Request.RequestType is not (RequestType.CutForNonPayment or RequestType.DisableService))
        {
            return new GoalReached("Cancelled; nothing to undo.");
        }

        if (!situation.Start.IsOn || OrderSituation.IsServed(situation.Point))
        {
            return new GoalReached(situation.TurnedOn ? "Cancelled; service was reconnected." : "Cancelled; nothing to undo.");
        }

        if (situation.Point.Meter is null)
        {
            return Requirements.NoMeter(situation);
        }

        return new PerformActivity(situation.ConnectActivity(ActivityKind.Reconnect), "Cancelled after service was turned off: reconnecting.");
    }
}
