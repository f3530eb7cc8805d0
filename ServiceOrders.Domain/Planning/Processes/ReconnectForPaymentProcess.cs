using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Reconnect for payment. Goal (<see cref="Goals.ReconnectForPayment"/>): service is on, with a reading taken after the
/// reconnection. Smart electric and water meters are connected remotely; gas always needs a crew to relight; otherwise
/// (or when the command keeps failing) a crew reconnects, and its completion usually brings the reading. A service point
/// found already on is only read.
/// </summary>
sealed class ReconnectForPaymentProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.ReconnectForPayment;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => Requirements.Meter(situation);

    public NextStep Decide(OrderSituation situation)
    {
        if (situation.Point is not { Unmetered: false, Meter: not null } point)
        {
            return Requirements.NoMeter(situation);
        }

        if (!OrderSituation.IsServed(point))
        {
            return new PerformActivity(situation.ConnectActivity(ActivityKind.Reconnect), "Service is off.");
        }

        return new PerformActivity(situation.ReadActivity(),
            situation.TurnedOn ? "No reading since service was reconnected." : "Service was already on; no reading yet.");
    }

    public string Reached(OrderSituation situation) =>
        situation.TurnedOn ? "Service is on and a reading was taken." : "Service was already on; a reading was taken.";
}
