using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>
/// Read meter (special read). Goal (<see cref="Goals.ReadMeter"/>): a reading of the requested kind (scalar unless
/// asked) was taken in this order. The head-end reads registers of smart and AMR meters and interval data of smart ones;
/// otherwise, or when the remote read keeps failing, a crew reads the meter, downloading interval data on site when that
/// was asked for.
/// </summary>
sealed class ReadMeterProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.ReadMeter;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation)
    {
        foreach (var error in Requirements.Meter(situation))
        {
            yield return error;
        }

        if (situation.Request.ReadKind == ReadKind.Interval && situation.Point.Meter is { } meter
            && (!meter.IntervalCapable || meter.Class == MeterClass.Manual))
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "readKind", $"Meter {meter.MeterId} records no interval data.");
        }
    }

    public NextStep Decide(OrderSituation situation)
    {
        if (situation.Point.Unmetered || situation.Point.Meter is null)
        {
            return Requirements.NoMeter(situation);
        }

        // Unlike ReadActivity, which settles for a register read, an interval request is never answered with registers.
        var remote = situation.Request.ReadKind == ReadKind.Interval ? ActivityKind.ReadInterval : ActivityKind.ReadScalar;
        return new PerformActivity(situation.RemoteAllowed(remote) ? remote : ActivityKind.FieldRead, "No reading yet.");
    }

    public string Reached(OrderSituation situation) => "The meter was read.";
}
