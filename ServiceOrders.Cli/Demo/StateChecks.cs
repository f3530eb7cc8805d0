using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Cli.Demo;

/// <summary>Checks of an order's final state and readings; each yields what differs from the expectation, nothing when all is well.</summary>
internal static class StateChecks
{
    /// <summary>The goal of every move-in and reconnect: service is on and a reading was taken.</summary>
    public static IEnumerable<string> ServiceOn(OrderView view) => MeterSwitch(view, SwitchState.Connected).Concat(Read(view));

    /// <summary>The goal of a move-out or a cut: service is off and a reading was taken.</summary>
    public static IEnumerable<string> ServiceOff(OrderView view) => MeterSwitch(view, SwitchState.Disconnected).Concat(Read(view));

    /// <summary>The meter's switch as given, whatever the readings (an order that did nothing took none).</summary>
    public static Func<OrderView, IEnumerable<string>> Switch(SwitchState expected) => view => MeterSwitch(view, expected);

    public static IEnumerable<string> Read(OrderView view)
    {
        if (view.Readings is not { Count: > 0 })
        {
            yield return "no reading";
        }
    }

    /// <summary>A new smart meter: the one the request named, commissioned at the head-end, and read.</summary>
    public static Func<OrderView, IEnumerable<string>> NewSmartMeterIn(string meterId) => view =>
    {
        var meter = view.FinalState?.Meter;
        var differences = new List<string>();
        if (meter is null)
        {
            differences.Add("no meter at the service point");
        }
        else if (meter.MeterId != meterId)
        {
            differences.Add($"meter {meter.MeterId} installed, expected {meterId}");
        }
        else if (!meter.Commissioned)
        {
            differences.Add($"meter {meter.MeterId} is not commissioned");
        }

        differences.AddRange(Read(view));
        return differences;
    };

    /// <summary>A new smart meter, as <see cref="NewSmartMeterIn"/>, with service on.</summary>
    public static Func<OrderView, IEnumerable<string>> NewSmartMeterOn(string meterId) => view =>
        NewSmartMeterIn(meterId)(view).Concat(view.FinalState?.Meter is null ? [] : MeterSwitch(view, SwitchState.Connected)).ToList();

    /// <summary>The start reading came from the meter's load profile, as the request asked.</summary>
    public static IEnumerable<string> ServiceOnWithIntervalRead(OrderView view)
    {
        foreach (var difference in ServiceOn(view))
        {
            yield return difference;
        }

        if (view.Readings is { Count: > 0 } readings && !readings.Any(r => r.Kind == ReadKind.Interval))
        {
            yield return "no interval reading, only scalar ones";
        }
    }

    /// <summary>The reading is the meter's interval data, as the request asked.</summary>
    public static IEnumerable<string> IntervalRead(OrderView view)
    {
        if (view.Readings is not { Count: > 0 } readings || !readings.Any(r => r.Kind == ReadKind.Interval))
        {
            yield return "no interval reading";
        }
    }

    public static IEnumerable<string> MeterRemoved(OrderView view)
    {
        if (view.FinalState?.Meter is { } meter)
        {
            yield return $"meter {meter.MeterId} is still registered";
        }
    }

    /// <summary>An unmetered item (a street light, a sign) switched as the request asked.</summary>
    public static Func<OrderView, IEnumerable<string>> ItemSwitched(SwitchState expected) => view => view.FinalState switch
    {
        null => ["no final state"],
        { Unmetered: false } => ["the service point is not an unmetered item"],
        { ItemSwitch: var actual } when actual != expected => [$"item is {actual}, expected {expected}"],
        _ => [],
    };

    static IEnumerable<string> MeterSwitch(OrderView view, SwitchState expected)
    {
        var meter = view.FinalState?.Meter;
        if (meter is null)
        {
            yield return "no meter at the service point";
        }
        else if (meter.Switch != expected)
        {
            yield return $"meter {meter.MeterId} is {meter.Switch}, expected {expected}";
        }
    }
}
