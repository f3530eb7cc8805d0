using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Enable service (move-in). Goal (<see cref="Goals.EnableService"/>): a meter is installed (and commissioned, if smart
/// and the head-end can), service is on, and a start reading was taken after it was turned on. Smart meters are
/// commissioned and connected remotely; gas is turned on by a crew, who relights appliances; AMR and manual meters are
/// turned on by a crew. A command that keeps failing falls back to the crew: an activation that cannot be done leaves
/// the meter treated as not commandable.
/// </summary>
sealed class EnableServiceProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.EnableService;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => Requirements.Metered(situation);

    public NextStep Decide(OrderSituation situation)
    {
        var point = situation.Point;
        if (point.Unmetered)
        {
            return Requirements.NoMeter(situation);
        }

        if (point.Meter is not { } meter)
        {
            return new PerformActivity(ActivityKind.InstallMeter, "No meter is installed at the service point.");
        }

        if (meter is { Class: MeterClass.Smart, Commissioned: false } && situation.RemoteAllowed(ActivityKind.ActivateDevice))
        {
            return new PerformActivity(ActivityKind.ActivateDevice, "The head-end does not know the meter yet.");
        }

        if (!OrderSituation.IsServed(point))
        {
            return new PerformActivity(situation.ConnectActivity(ActivityKind.TurnOn), "Service is off.");
        }

        return new PerformActivity(situation.ReadActivity(), "No start reading since service was turned on.");
    }

    public string Reached(OrderSituation situation) => situation.Point.Switch == SwitchState.Armed
        ? "The switch is armed for the customer to close, and a start reading was taken."
        : "Service is on and a start reading was taken.";
}
