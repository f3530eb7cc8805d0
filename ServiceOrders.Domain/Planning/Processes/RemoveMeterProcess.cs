using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Remove meter. Goal (<see cref="Goals.RemoveMeter"/>): no meter is registered, with a final reading if the crew
/// brought one. The final reading belongs to the removal itself: a remote read days before the crew arrives would miss
/// what flowed meanwhile, and a removed meter cannot be read at all, so a removal reported without a reading still
/// reaches the goal (the summary says so).
/// </summary>
sealed class RemoveMeterProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.RemoveMeter;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => Requirements.Meter(situation);

    public NextStep Decide(OrderSituation situation) =>
        situation.Point is { Unmetered: false, Meter: { } meter }
            ? new PerformActivity(ActivityKind.RemoveMeter, $"Meter {meter.MeterId} is still in.")
            : Requirements.NoMeter(situation);

    public string Reached(OrderSituation situation) =>
        !situation.History.Any(r => r.Succeeded && r.Kind == ActivityKind.RemoveMeter) ? "No meter is installed."
        : situation.ReadingTaken ? "The meter was removed with a final reading."
        : "The meter was removed; no final reading was reported.";
}
