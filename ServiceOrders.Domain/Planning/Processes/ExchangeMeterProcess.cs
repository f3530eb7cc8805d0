using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Exchange meter. Goal (<see cref="Goals.ExchangeMeter"/>): the meter the order found is out and another is registered,
/// the new one is commissioned if it is smart, and service is as the order found it: back on if it was on (a new meter
/// is installed with its switch open), and off if it was off, so a new meter a crew left connected at a point without
/// service is disconnected again (remotely where the head-end can, else by a crew). A crew exchanges the meter, reading
/// both; the head-end then commissions the new one.
/// </summary>
sealed class ExchangeMeterProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.ExchangeMeter;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => Requirements.Meter(situation);

    public NextStep Decide(OrderSituation situation)
    {
        if (situation.Start.Meter is not { } old || situation.Point is not { Unmetered: false, Meter: { } meter } point)
        {
            return Requirements.NoMeter(situation);
        }

        if (meter.MeterId == old.MeterId)
        {
            return new PerformActivity(ActivityKind.ExchangeMeter, $"Meter {meter.MeterId} is still in.");
        }

        if (meter is { Class: MeterClass.Smart, Commissioned: false })
        {
            // No crew can commission a meter: if the head-end cannot, the planner stops the order for a person.
            return new PerformActivity(ActivityKind.ActivateDevice, $"The head-end does not know the new meter {meter.MeterId} yet.");
        }

        return OrderSituation.IsServed(situation.Start)
            ? new PerformActivity(situation.ConnectActivity(ActivityKind.TurnOn), "Service was on before the exchange.")
            : new PerformActivity(situation.DisconnectActivity(ActivityKind.TurnOff),
                $"Service was off before the exchange, and the new meter {meter.MeterId} is {point.Switch}.");
    }

    public string Reached(OrderSituation situation) => $"Meter {situation.Point.Meter?.MeterId} replaced {situation.Start.Meter?.MeterId}.";
}
