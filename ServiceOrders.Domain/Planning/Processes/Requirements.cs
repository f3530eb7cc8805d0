using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>What most processes need from the service point, checked the same way everywhere.</summary>
static class Requirements
{
    /// <summary>Preconditions of a request that works on the registered meter.</summary>
    public static IEnumerable<ValidationError> Meter(OrderSituation situation)
    {
        var point = situation.Point;
        if (point.Unmetered)
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "servicePointId",
                $"The service point is an unmetered item; {situation.Request.RequestType} needs a meter (send EnableUnmeteredItem or DisableUnmeteredItem).");
        }
        else if (point.Meter is null)
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "servicePointId", $"No meter is installed at the service point; {situation.Request.RequestType} needs one.");
        }
    }

    /// <summary>Preconditions of a request for a metered service point that may not have its meter yet.</summary>
    public static IEnumerable<ValidationError> Metered(OrderSituation situation)
    {
        if (situation.Point.Unmetered)
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "servicePointId",
                $"The service point is an unmetered item; {situation.Request.RequestType} needs a metered one (send EnableUnmeteredItem or DisableUnmeteredItem).");
        }
    }

    /// <summary>The meter this process works on is not there: only an order that skipped its preconditions gets here.</summary>
    public static CannotProceed NoMeter(OrderSituation situation) =>
        new(ReasonCodes.NotPossibleForMeter, $"{situation.Request.RequestType} needs a metered service point with a meter.");
}
