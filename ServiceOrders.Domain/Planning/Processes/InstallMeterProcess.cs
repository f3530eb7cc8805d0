using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Install meter. Goal (<see cref="Goals.InstallMeter"/>): a meter is in, commissioned if it is smart, with its switch
/// open, and a first reading was taken. A crew installs it (usually reading it), the head-end commissions it, and it is
/// read remotely if the crew brought no reading. Installing does not turn service on (that is an enable-service order):
/// a new meter the crew left connected is disconnected again.
/// </summary>
sealed class InstallMeterProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.InstallMeter;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation)
    {
        foreach (var error in Requirements.Metered(situation))
        {
            yield return error;
        }

        if (situation.Point.Meter is { } meter)
        {
            yield return new(ReasonCodes.MeterAlreadyInstalled, "servicePointId", $"Meter {meter.MeterId} is already installed; send ExchangeMeter.");
        }
    }

    public NextStep Decide(OrderSituation situation)
    {
        var point = situation.Point;
        if (point.Unmetered)
        {
            return Requirements.NoMeter(situation);
        }

        if (situation.Start.Meter is { } found)
        {
            return new CannotProceed(ReasonCodes.MeterAlreadyInstalled, $"Meter {found.MeterId} was installed when the order started; send ExchangeMeter.");
        }

        if (point.Meter is not { } meter)
        {
            return new PerformActivity(ActivityKind.InstallMeter, "No meter is installed at the service point.");
        }

        if (meter is { Class: MeterClass.Smart, Commissioned: false })
        {
            // No crew can commission a meter: if the head-end cannot, the planner stops the order for a person.
            return new PerformActivity(ActivityKind.ActivateDevice, $"The head-end does not know meter {meter.MeterId} yet.");
        }

        if (!OrderSituation.IsOff(point))
        {
            return new PerformActivity(situation.DisconnectActivity(ActivityKind.TurnOff),
                $"Installing does not turn service on, and the new meter {meter.MeterId} is {point.Switch}.");
        }

        return new PerformActivity(situation.ReadActivity(), "No first reading yet.");
    }

    public string Reached(OrderSituation situation) => $"Meter {situation.Point.Meter?.MeterId} is installed and read.";
}
