using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Back-to-back (change of customer at a service point that stays on). Goal (<see cref="Goals.BackToBack"/>): one
/// reading, which closes the old customer's account and opens the new one's; the switch is left alone, so service is
/// never interrupted.
/// </summary>
sealed class BackToBackProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.BackToBack;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation)
    {
        foreach (var error in Requirements.Meter(situation))
        {
            yield return error;
        }

        if (OrderSituation.IsOff(situation.Point))
        {
            yield return new(ReasonCodes.ServiceIsOff, "requestType", "Service is off, so there is nothing to hand over without interruption; send EnableService.");
        }
    }

    public NextStep Decide(OrderSituation situation)
    {
        if (situation.Point.Unmetered || situation.Point.Meter is null)
        {
            return Requirements.NoMeter(situation);
        }

        if (OrderSituation.IsOff(situation.Point))
        {
            // The registry had it on (or the order was rejected); a report found it off. Turning it on is not this order's.
            return new CannotProceed(ReasonCodes.ServiceIsOff, "The meter was found off, so there is no service to hand over without interruption; send EnableService.");
        }

        return new PerformActivity(situation.ReadActivity(), "No reading for the change of customer yet.");
    }

    public string Reached(OrderSituation situation) => "The meter was read for the change of customer.";
}
