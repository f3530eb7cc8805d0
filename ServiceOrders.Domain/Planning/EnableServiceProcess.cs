using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Domain.Planning;

/// <summary>
/// Enable service (move-in). Goal: a meter is installed, service is on, and a start reading was taken after it was
/// turned on. Smart meters are commissioned and connected remotely; gas is turned on by a crew, who relights
/// appliances; AMR and manual meters are turned on by a crew.
/// </summary>
public sealed class EnableServiceProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.EnableService;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation)
    {
        var (request, point) = (situation.Request, situation.Point);
        if (point.Unmetered)
        {
            yield return new(ReasonCodes.NotPossibleForMeter, "servicePointId", "The service point is an unmetered item; send EnableUnmeteredItem.");
        }

        if (request.MeterId is { } meterId && point.Meter is { } meter && meter.MeterId != meterId)
        {
            yield return new(ReasonCodes.InvalidValue, "meterId", "The meter named in the request is not the meter registered at the service point.");
        }
    }

    public NextStep Decide(OrderSituation situation)
    {
        var point = situation.Point;
        if (point.Meter is not { } meter)
        {
            return new PerformActivity(ActivityKind.InstallMeter, "No meter is installed at the service point.");
        }

        if (meter.Class == MeterClass.Smart && !meter.Commissioned)
        {
            return new PerformActivity(ActivityKind.ActivateDevice, "The head-end does not know the meter yet.");
        }

        if (meter.Switch != SwitchState.Connected)
        {
            return new PerformActivity(TurnOnActivity(point.Commodity, meter), "Service is off.");
        }

        if (!situation.ReadingTakenSinceConnection)
        {
            return new PerformActivity(ReadActivity(situation.Request, meter), "No start reading since service was turned on.");
        }

        return new GoalReached("Service is on and a start reading was taken.");
    }

    static ActivityKind TurnOnActivity(Commodity commodity, Meter meter) =>
        (commodity, meter.AcceptsCommands) switch
        {
            // Opening a gas valve remotely is unsafe: a crew turns it on and relights appliances.
            (Commodity.Gas, _) => ActivityKind.Relight,
            (_, true) => ActivityKind.RemoteConnect,
            _ => ActivityKind.TurnOn,
        };

    internal static ActivityKind ReadActivity(ServiceOrderRequest request, Meter meter)
    {
        if (!meter.ReadsRemotely)
        {
            return ActivityKind.FieldRead;
        }

        return request.ReadKind == ReadKind.Interval && meter.IntervalCapable ? ActivityKind.ReadInterval : ActivityKind.ReadScalar;
    }
}
