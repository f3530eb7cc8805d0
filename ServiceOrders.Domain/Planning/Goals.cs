using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Planning;

/// <summary>
/// The goal of each request type, written once. <see cref="ServiceOrderPlanner"/> completes an order exactly when its
/// goal holds here, and asks the request's process for the next activity only while it does not; the tests check the
/// same definitions. A goal looks at the service point as the order leaves it, the service point as the order found it
/// (<see cref="OrderSituation.Start"/>) and the readings the order took.
/// </summary>
public static class Goals
{
    /// <summary>Whether the goal of the situation's request holds.</summary>
    public static bool Hold(OrderSituation situation) => situation.Request.RequestType switch
    {
        RequestType.EnableService => EnableService(situation),
        RequestType.DisableService => DisableService(situation),
        RequestType.CutForNonPayment => CutForNonPayment(situation),
        RequestType.ReconnectForPayment => ReconnectForPayment(situation),
        RequestType.ExchangeMeter => ExchangeMeter(situation),
        RequestType.InstallMeter => InstallMeter(situation),
        RequestType.RemoveMeter => RemoveMeter(situation),
        RequestType.ReadMeter => ReadMeter(situation),
        RequestType.DeviceStatusCheck => DeviceStatusCheck(situation),
        RequestType.Investigate => Investigate(situation),
        RequestType.BackToBack => BackToBack(situation),
        RequestType.EnableUnmeteredItem => UnmeteredItem(situation, SwitchState.Connected),
        RequestType.DisableUnmeteredItem => UnmeteredItem(situation, SwitchState.Disconnected),
        _ => false,
    };

    /// <summary>
    /// Move-in: a meter is in, commissioned if it is smart (unless the head-end could not commission it: then it is left
    /// as a meter that takes no commands), service is on, and a start reading was taken after it was turned on.
    /// </summary>
    public static bool EnableService(OrderSituation situation) =>
        Metered(situation) is { } meter
        && (IsCommissionedIfSmart(meter) || situation.CommandExhausted(ActivityKind.ActivateDevice))
        && OrderSituation.IsServed(situation.Point)
        && situation.ReadingTakenSinceConnection;

    /// <summary>Move-out: a final reading was taken and, where the policy says so, service is off.</summary>
    public static bool DisableService(OrderSituation situation) =>
        Metered(situation) is not null
        && situation.ReadingTaken
        && (!situation.Policy.DisconnectOnMoveOut || OrderSituation.IsOff(situation.Point));

    /// <summary>
    /// Cut for non-payment: service is off, and a reading was taken in this order for the account (also when service was
    /// found already off: the account is closed on a reading either way).
    /// </summary>
    public static bool CutForNonPayment(OrderSituation situation) =>
        Metered(situation) is not null
        && OrderSituation.IsOff(situation.Point)
        && situation.ReadingTaken;

    /// <summary>
    /// Reconnect for payment: service is on, with a reading taken after the reconnection (when service was found already
    /// on, a reading taken in this order).
    /// </summary>
    public static bool ReconnectForPayment(OrderSituation situation) =>
        Metered(situation) is not null
        && OrderSituation.IsServed(situation.Point)
        && situation.ReadingTakenSinceConnection;

    /// <summary>
    /// Exchange: the meter the order found is out and another is in, commissioned if it is smart, and service is as the
    /// order found it (<see cref="ServiceAsBefore"/>).
    /// </summary>
    public static bool ExchangeMeter(OrderSituation situation) =>
        situation.Start.Meter is { } old
        && Metered(situation) is { } meter
        && meter.MeterId != old.MeterId
        && IsCommissionedIfSmart(meter)
        && ServiceAsBefore(situation.Start, situation.Point);

    /// <summary>
    /// Install: a meter is in where the order found none, commissioned if it is smart, its switch is open (installing
    /// does not turn service on: that is an enable-service order), and a first reading was taken.
    /// </summary>
    public static bool InstallMeter(OrderSituation situation) =>
        situation.Start.Meter is null
        && Metered(situation) is { } meter
        && IsCommissionedIfSmart(meter)
        && OrderSituation.IsOff(situation.Point)
        && situation.ReadingTaken;

    /// <summary>Remove: no meter is registered at the (metered) service point. A final reading is kept when the crew brings one, but not required.</summary>
    public static bool RemoveMeter(OrderSituation situation) =>
        situation.Point is { Unmetered: false, Meter: null };

    /// <summary>Special read: a reading of the requested kind (scalar unless asked) was taken.</summary>
    public static bool ReadMeter(OrderSituation situation) =>
        Metered(situation) is not null && situation.ReadingTakenOfKind(situation.Request.ReadKind ?? ReadKind.Scalar);

    /// <summary>Device status check: the meter answered a ping, or the pings ran out (unreachable is a finding too).</summary>
    public static bool DeviceStatusCheck(OrderSituation situation) =>
        situation.Point is { Unmetered: false, Meter.AcceptsCommands: true }
        && (situation.History.Any(r => r.Succeeded && r.Kind == ActivityKind.Ping) || situation.CommandExhausted(ActivityKind.Ping));

    /// <summary>Investigate: a crew reported its findings.</summary>
    public static bool Investigate(OrderSituation situation) =>
        situation.History.Any(r => r.Succeeded && r.Kind == ActivityKind.Investigate);

    /// <summary>
    /// Back-to-back: one reading for the change of customer, and service is not off (the switch is left alone; a meter
    /// that turns out to be off has no service to hand over).
    /// </summary>
    public static bool BackToBack(OrderSituation situation) =>
        Metered(situation) is not null && situation.ReadingTaken && !OrderSituation.IsOff(situation.Point);

    /// <summary>Enable or disable an unmetered item: its switch is as asked.</summary>
    public static bool UnmeteredItem(OrderSituation situation, SwitchState wanted) =>
        situation.Point is { Unmetered: true } point && point.ItemSwitch == wanted;

    /// <summary>
    /// Service as it was before: service that flowed (<see cref="OrderSituation.IsServed"/>) flows again, and anything
    /// else is off (<see cref="OrderSituation.IsOff"/>) — a gas valve that was only armed too, as no gas flowed. A switch
    /// nobody knew is left as the crew reports it: the order cannot tell what to restore.
    /// </summary>
    public static bool ServiceAsBefore(ServicePoint before, ServicePoint after) =>
        before.Switch == SwitchState.Unknown
        || (OrderSituation.IsServed(before) ? OrderSituation.IsServed(after) : OrderSituation.IsOff(after));

    /// <summary>A meter the head-end can command, or one that is not smart and so needs no commissioning.</summary>
    public static bool IsCommissionedIfSmart(Meter meter) => meter.Class != MeterClass.Smart || meter.Commissioned;

    static Meter? Metered(OrderSituation situation) => situation.Point is { Unmetered: false, Meter: { } meter } ? meter : null;
}
