using System.Globalization;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using static ServiceOrders.Contracts.Activities.ActivityKind;
using static ServiceOrders.Contracts.ServicePoints.Commodity;
using static ServiceOrders.Contracts.ServicePoints.MeterClass;
using static ServiceOrders.Contracts.ServicePoints.SwitchState;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// The demo's scenarios: every request type and every meter class, the ways an order waits (service date, weather,
/// exception), cancellation with compensation, a command that falls back to a crew, a conflict and an unknown service
/// point. The expected paths follow the planner's processes (see the domain description): e.g. a move-in installs a
/// meter if none, commissions a smart one, connects it remotely (electric only; gas is relit by a crew) and then takes a
/// start reading unless the crew's turn-on brought one.
/// </summary>
internal static class DemoScenarios
{
    /// <summary>Service points whose id starts with this get a freezing forecast on the demo host (the weather rule).</summary>
    const string ColdPointPrefix = "COLD";

    /// <summary>Meters whose id starts with this never answer a command on the demo host.</summary>
    const string UnreachableMeterPrefix = "UNREACHABLE";

    /// <summary>A scenario's service point; <paramref name="Key"/> (the scenario's number) makes the ids of its orders.</summary>
    sealed record Site(string Key, ServicePoint Point);

    /// <summary>No crew was sent and no command was sent.</summary>
    static readonly TimelineCheck[] NoWorkStarted = [new(TimelineEvent.Dispatched, Times: 0), new(TimelineEvent.CommandSent, Times: 0)];

    public static IReadOnlyList<DemoScenario> Create(string tag)
    {
        string MeterId(string prefix, string key) => $"{prefix}-{tag}-{key}";
        string NewMeterId(int n) => MeterId("NM", n.ToString(CultureInfo.InvariantCulture));

        // A service point with a meter of the given class (none when null) in the given switch state.
        Site At(int n, Commodity commodity, MeterClass? meterClass = null, SwitchState switchState = Disconnected,
            string pointPrefix = "SP", string? meterPrefix = null, bool intervalCapable = false)
        {
            var k = n.ToString(CultureInfo.InvariantCulture);
            var meter = meterClass is { } c
                ? new Meter(MeterId(meterPrefix ?? PrefixOf(c), k), c, Commissioned: c == Smart, switchState, intervalCapable)
                : null;
            return new(k, new ServicePoint($"{pointPrefix}-{tag}-{k}", commodity, meter));
        }

        Site Item(string key, SwitchState itemSwitch) =>
            new(key, new ServicePoint($"SP-{tag}-{key}", Electric, Meter: null, Unmetered: true, ItemSwitch: itemSwitch));

        ServiceOrderRequest Order(Site at, RequestType type, string suffix = "") =>
            new($"{OrderIdPrefix(tag)}{at.Key}{suffix}", type, at.Point.ServicePointId, at.Point.Commodity, at.Point.Meter?.MeterId);

        // The common case: one order at one service point, with steps after its submission when given.
        DemoScenario One(string name, Site at, RequestType type, Expectation expected,
            Func<ServiceOrderRequest, ServiceOrderRequest>? shape = null, IReadOnlyList<DemoStep>? then = null) =>
            new(name, [at.Point], [new Submit((shape ?? (r => r))(Order(at, type)), expected), .. then ?? []]);

        Func<ServiceOrderRequest, ServiceOrderRequest> NewMeter(int n, MeterClass meterClass) => r => r with { NewMeter = new(NewMeterId(n), meterClass) };

        var lifeSupport = new AccountFlags(LifeSupport: true);
        var conflictSite = At(26, Electric, Manual, Disconnected);
        var laterSite = At(6, Electric, Smart, Disconnected);
        var lights = (On: Item("25a", Disconnected), Off: Item("25b", Connected));
        var unknown = At(27, Electric);

        return
        [
            One("Move-in, smart electric, no meter", At(1, Electric), RequestType.EnableService,
                Done(InstallMeter, ActivateDevice, RemoteConnect, ReadScalar) with { State = StateChecks.NewSmartMeterOn(NewMeterId(1)) },
                NewMeter(1, Smart)),
            One("Move-in, smart electric off, interval read", At(2, Electric, Smart, intervalCapable: true), RequestType.EnableService,
                Done(RemoteConnect, ReadInterval) with { State = StateChecks.ServiceOnWithIntervalRead },
                r => r with { ReadKind = ReadKind.Interval }),
            One("Move-in, smart gas, no meter", At(3, Gas), RequestType.EnableService,
                Done(InstallMeter, ActivateDevice, Relight) with { State = StateChecks.NewSmartMeterOn(NewMeterId(3)) },
                NewMeter(3, Smart)),
            One("Move-in, AMR electric off", At(4, Electric, Amr), RequestType.EnableService,
                Done(TurnOn) with { State = StateChecks.ServiceOn }),
            One("Move-in, manual water off", At(5, Water, Manual), RequestType.EnableService,
                Done(TurnOn) with { State = StateChecks.ServiceOn }),
            new("Move-in on a service date 15 s ahead, smart electric off", [laterSite.Point],
            [
                new Submit(Order(laterSite, RequestType.EnableService),
                    Done(RemoteConnect, ReadScalar) with { State = StateChecks.ServiceOn, Timeline = [new(TimelineEvent.WaitingForServiceDate)] },
                    ServiceDateIn: TimeSpan.FromSeconds(15)),
                new WaitForPhase(OrderPhase.WaitingForServiceDate),
            ]),
            One("Move-out, smart electric on", At(7, Electric, Smart, Connected), RequestType.DisableService,
                Done(ReadScalar, RemoteDisconnect) with { State = StateChecks.ServiceOff }),
            One("Move-out, manual water on", At(8, Water, Manual, Connected), RequestType.DisableService,
                Done(TurnOff) with { State = StateChecks.ServiceOff }),
            One("Cut for non-payment, smart electric on", At(9, Electric, Smart, Connected), RequestType.CutForNonPayment,
                Done(RemoteDisconnect, ReadScalar) with { State = StateChecks.ServiceOff }),
            One("Cut for non-payment, AMR electric on", At(10, Electric, Amr, Connected), RequestType.CutForNonPayment,
                Done(CutForNonPayment) with { State = StateChecks.ServiceOff }),
            One("Cut, life support: exception, operator cancels", At(11, Electric, Smart, Connected), RequestType.CutForNonPayment,
                Cancelled() with { State = StateChecks.Switch(Connected), Timeline = [.. NoWorkStarted, .. ResolvedByOperator(DisconnectReasons.LifeSupport)] },
                r => r with { Account = lifeSupport },
                then:
                [
                    new WaitForPhase(OrderPhase.Exception, DisconnectReasons.LifeSupport),
                    new WaitForExceptionListed(DisconnectReasons.LifeSupport),
                    new Act(OperatorActionKind.Cancel, "Life support on the account"),
                ]),
            One("Cut in a cold snap: deferred, exception, operator cancels", At(12, Electric, Smart, Connected, ColdPointPrefix), RequestType.CutForNonPayment,
                Cancelled() with
                {
                    State = StateChecks.Switch(Connected),
                    Timeline = [.. NoWorkStarted, new(TimelineEvent.Deferred, RemoteDisconnect, DetailStart: DisconnectReasons.WeatherHold), .. ResolvedByOperator(DisconnectReasons.DisconnectWindowExceeded)],
                },
                then:
                [
                    new WaitForTimeline(TimelineEvent.Deferred, RemoteDisconnect, DisconnectReasons.WeatherHold),
                    new WaitForPhase(OrderPhase.Exception, DisconnectReasons.DisconnectWindowExceeded),
                    new Act(OperatorActionKind.Cancel, "Weather hold outlasted the disconnect window"),
                ]),
            One("Cut, manual electric, cancelled after the crew cut: reconnected", At(13, Electric, Manual, Connected), RequestType.CutForNonPayment,
                Cancelled(CutForNonPayment, Reconnect) with
                {
                    State = StateChecks.ServiceOn,
                    Timeline = [new(TimelineEvent.CancelRequested, Times: 1), new(TimelineEvent.CancelSent, CutForNonPayment, Times: 1)],
                },
                then: [new WaitForTimeline(TimelineEvent.Dispatched, CutForNonPayment), new Pause(TimeSpan.FromSeconds(1)), new Cancel("Customer paid")]),
            One("Reconnect for payment, smart electric off", At(14, Electric, Smart), RequestType.ReconnectForPayment,
                Done(RemoteConnect, ReadScalar) with { State = StateChecks.ServiceOn }),
            One("Reconnect for payment, smart gas off", At(15, Gas, Smart), RequestType.ReconnectForPayment,
                Done(Relight) with { State = StateChecks.ServiceOn }),
            One("Reconnect, unreachable smart meter: crew instead", At(16, Electric, Smart, meterPrefix: UnreachableMeterPrefix), RequestType.ReconnectForPayment,
                Done(Reconnect) with
                {
                    State = StateChecks.ServiceOn,
                    Timeline = [new(TimelineEvent.Failed, RemoteConnect, Times: 3), new(TimelineEvent.RetryScheduled, RemoteConnect, Times: 2)],
                }),
            One("Exchange meter, smart electric on", At(17, Electric, Smart, Connected), RequestType.ExchangeMeter,
                Done(ExchangeMeter, ActivateDevice, RemoteConnect) with { State = StateChecks.NewSmartMeterOn(NewMeterId(17)) },
                NewMeter(17, Smart)),
            One("Install meter, smart electric", At(18, Electric), RequestType.InstallMeter,
                Done(InstallMeter, ActivateDevice, ReadScalar) with { State = StateChecks.NewSmartMeterIn(NewMeterId(18)) },
                NewMeter(18, Smart)),
            One("Remove meter, manual electric", At(19, Electric, Manual), RequestType.RemoveMeter,
                Done(RemoveMeter) with { State = StateChecks.MeterRemoved }),
            One("Special read, AMR electric, scalar", At(20, Electric, Amr, Connected), RequestType.ReadMeter,
                Done(ReadScalar) with { State = StateChecks.Read },
                r => r with { ReadKind = ReadKind.Scalar }),
            One("Special read, manual water", At(21, Water, Manual, Connected), RequestType.ReadMeter,
                Done(FieldRead) with { State = StateChecks.Read }),
            One("Special read, AMR electric, interval data by a crew", At(28, Electric, Amr, Connected, intervalCapable: true), RequestType.ReadMeter,
                Done(FieldRead) with { State = StateChecks.IntervalRead },
                r => r with { ReadKind = ReadKind.Interval }),
            One("Device status check, smart electric", At(22, Electric, Smart, Connected), RequestType.DeviceStatusCheck,
                Done(Ping)),
            One("Investigate, smart electric", At(23, Electric, Smart, Connected), RequestType.Investigate,
                Done(Investigate)),
            One("Back-to-back, smart electric on", At(24, Electric, Smart, Connected), RequestType.BackToBack,
                Done(ReadScalar) with { State = StateChecks.ServiceOn }),
            new("Unmetered item", [lights.On.Point, lights.Off.Point],
            [
                new Submit(Order(lights.On, RequestType.EnableUnmeteredItem), Done(TurnOn) with { State = StateChecks.ItemSwitched(Connected) }, "switch on"),
                new Submit(Order(lights.Off, RequestType.DisableUnmeteredItem), Done(TurnOff) with { State = StateChecks.ItemSwitched(Disconnected) }, "switch off"),
            ]),
            new("Conflict, manual electric off", [conflictSite.Point],
            [
                // The move-in holds the service point while it waits for its date; the cut comes only then, so
                // that it always finds the move-in open (sent together, the cut could claim the point first).
                new Submit(Order(conflictSite, RequestType.EnableService, "a"),
                    Done(TurnOn) with { State = StateChecks.ServiceOn, Timeline = [new(TimelineEvent.WaitingForServiceDate)] }, "move-in",
                    ServiceDateIn: TimeSpan.FromSeconds(15)),
                new WaitForPhase(OrderPhase.WaitingForServiceDate),
                new Submit(Order(conflictSite, RequestType.CutForNonPayment, "b"), new(OrderOutcome.Rejected, [], ReasonCodes.ConflictingOrder), "cut while it is open"),
            ]),
            new("Unknown service point", [], [new Submit(Order(unknown, RequestType.EnableService), new(OrderOutcome.Rejected, [], ReasonCodes.UnknownServicePoint))]),
        ];
    }

    /// <summary>What the ids of the orders of <see cref="Create"/> with this tag start with.</summary>
    public static string OrderIdPrefix(string tag) => $"DEMO-{tag}-";

    static Expectation Done(params ActivityKind[] path) => new(OrderOutcome.Completed, path);

    static Expectation Cancelled(params ActivityKind[] path) => new(OrderOutcome.Cancelled, path);

    /// <summary>The order went to an operator once, for this reason, and the operator acted once.</summary>
    static TimelineCheck[] ResolvedByOperator(string reasonCode) =>
        [new(TimelineEvent.ExceptionRaised, DetailStart: reasonCode + ":", Times: 1), new(TimelineEvent.OperatorAction, Times: 1)];

    static string PrefixOf(MeterClass meterClass) => meterClass switch
    {
        Smart => "SM",
        Amr => "AM",
        _ => "MM",
    };
}
