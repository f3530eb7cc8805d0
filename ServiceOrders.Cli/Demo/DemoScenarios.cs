using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// The demo's move-in orders: one per way the planner turns service on, and one it must refuse. The expected paths
/// follow the enable-service process: install if no meter, commission a smart meter, connect remotely (electric
/// smart meters only; gas is relit by a crew), then a start reading unless the crew's turn-on brought one.
/// </summary>
internal static class DemoScenarios
{
    public static IReadOnlyList<DemoScenario> Create(string tag)
    {
        string PointId(int n) => $"SP-{tag}-{n}";
        string RequestId(int n) => $"DEMO-{tag}-{n}";
        string MeterId(string prefix, int n) => $"{prefix}-{tag}-{n}";

        ServiceOrderRequest EnableService(int n, Commodity commodity, string? meterId = null, MeterFound? newMeter = null, ReadKind? readKind = null) =>
            new(RequestId(n), RequestType.EnableService, PointId(n), commodity, meterId, newMeter, readKind);

        // Each scenario's own numbers keep its ids apart even when its service point is never registered.
        var newElectric = MeterId("SM", 1);
        var smartOff = new Meter(MeterId("SM", 2), MeterClass.Smart, Commissioned: true, SwitchState.Disconnected);
        var smartIntervalOff = smartOff with { MeterId = MeterId("SM", 3), IntervalCapable = true };
        var newGas = MeterId("SG", 4);
        var amrOff = new Meter(MeterId("AM", 5), MeterClass.Amr, Commissioned: false, SwitchState.Disconnected);
        var manualWaterOff = new Meter(MeterId("MW", 6), MeterClass.Manual, Commissioned: false, SwitchState.Disconnected);

        return
        [
            new(
                "Move-in, smart electric, no meter",
                new(PointId(1), Commodity.Electric, Meter: null),
                EnableService(1, Commodity.Electric, newMeter: new MeterFound(newElectric, MeterClass.Smart)),
                new(OrderOutcome.Completed,
                    [ActivityKind.InstallMeter, ActivityKind.ActivateDevice, ActivityKind.RemoteConnect, ActivityKind.ReadScalar],
                    State: StateChecks.NewSmartMeterOn(newElectric))),
            new(
                "Move-in, smart electric meter off",
                new(PointId(2), Commodity.Electric, smartOff),
                EnableService(2, Commodity.Electric, smartOff.MeterId),
                new(OrderOutcome.Completed, [ActivityKind.RemoteConnect, ActivityKind.ReadScalar], State: StateChecks.ServiceOn)),
            new(
                "Move-in, smart electric, interval read",
                new(PointId(3), Commodity.Electric, smartIntervalOff),
                EnableService(3, Commodity.Electric, smartIntervalOff.MeterId, readKind: ReadKind.Interval),
                new(OrderOutcome.Completed, [ActivityKind.RemoteConnect, ActivityKind.ReadInterval], State: StateChecks.ServiceOnWithIntervalRead)),
            new(
                "Move-in, smart gas, no meter",
                new(PointId(4), Commodity.Gas, Meter: null),
                EnableService(4, Commodity.Gas, newMeter: new MeterFound(newGas, MeterClass.Smart)),
                new(OrderOutcome.Completed,
                    [ActivityKind.InstallMeter, ActivityKind.ActivateDevice, ActivityKind.Relight],
                    State: StateChecks.NewSmartMeterOn(newGas))),
            new(
                "Move-in, AMR electric meter off",
                new(PointId(5), Commodity.Electric, amrOff),
                EnableService(5, Commodity.Electric, amrOff.MeterId),
                new(OrderOutcome.Completed, [ActivityKind.TurnOn], State: StateChecks.ServiceOn)),
            new(
                "Move-in, manual water meter off",
                new(PointId(6), Commodity.Water, manualWaterOff),
                EnableService(6, Commodity.Water, manualWaterOff.MeterId),
                new(OrderOutcome.Completed, [ActivityKind.TurnOn], State: StateChecks.ServiceOn)),
            new(
                "Unknown service point",
                Seed: null,
                EnableService(7, Commodity.Electric),
                new(OrderOutcome.Rejected, [], ReasonCodes.UnknownServicePoint)),
        ];
    }
}
