using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Enable or disable an unmetered item (a street light, a sign). Goal (<see cref="Goals.UnmeteredItem"/>): the item is
/// switched on, or off. There is no meter to command, so a crew always does it.
/// </summary>
sealed class UnmeteredItemProcess(RequestType requestType) : IOrderProcess
{
    readonly bool enable = requestType == RequestType.EnableUnmeteredItem;

    public RequestType RequestType => requestType;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation)
    {
        if (!situation.Point.Unmetered)
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "servicePointId", $"The service point is metered; {requestType} is for unmetered items.");
        }
    }

    public NextStep Decide(OrderSituation situation) =>
        situation.Point.Unmetered
            ? new PerformActivity(enable ? ActivityKind.TurnOn : ActivityKind.TurnOff, enable ? "The item is not on." : "The item is not off.")
            : new CannotProceed(ReasonCodes.NotPossibleForMeter, $"The service point is metered; {requestType} is for unmetered items.");

    public string Reached(OrderSituation situation) => enable ? "The item is switched on." : "The item is switched off.";
}
