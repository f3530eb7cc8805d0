using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;

namespace ServiceOrders.Domain.ServicePoints;

/// <summary>How a reported activity changes a service point. Pure: the registry and the tests call the same code.</summary>
public static class ServicePointTransitions
{
    public static ServicePoint Apply(this ServicePoint point, ActivityReport report)
    {
        if (!report.Succeeded)
        {
            return point;
        }

        var meter = point.Meter;

        if (report.Kind is ActivityKind.RemoveMeter)
        {
            meter = null;
        }

        // An installed meter, or a different meter than the registry holds found by a crew: the field wins.
        if (report.InstalledMeter is { } found && found.MeterId != meter?.MeterId)
        {
            meter = new Meter(found.MeterId, found.Class, Commissioned: false, SwitchState.Disconnected, found.IntervalCapable);
        }

        var itemSwitch = point.ItemSwitch;
        if (point.Unmetered)
        {
            if ((report.Switch ?? ImpliedSwitch(report.Kind)) is { } s && s != SwitchState.Unknown)
            {
                itemSwitch = s;
            }
        }
        else if (meter is not null)
        {
            if (report.Kind is ActivityKind.ActivateDevice)
            {
                meter = meter with { Commissioned = true };
            }

            var switchState = report.Switch ?? ImpliedSwitch(report.Kind);
            if (switchState is { } s && s != SwitchState.Unknown)
            {
                meter = meter with { Switch = s };
            }
        }

        var lastReading = report.ReadingsOrEmpty.Count > 0
            ? report.ReadingsOrEmpty.MaxBy(r => r.TakenAt)
            : point.LastReading;

        return point with { Meter = meter, LastReading = lastReading, ItemSwitch = itemSwitch };
    }

    static SwitchState? ImpliedSwitch(ActivityKind kind) => kind switch
    {
        ActivityKind.RemoteConnect or ActivityKind.TurnOn or ActivityKind.Reconnect or ActivityKind.Relight => SwitchState.Connected,
        ActivityKind.RemoteDisconnect or ActivityKind.TurnOff or ActivityKind.CutForNonPayment => SwitchState.Disconnected,
        _ => null,
    };
}
