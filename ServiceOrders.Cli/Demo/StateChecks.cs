using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Cli.Demo;

/// <summary>Checks of an order's final state and readings; each yields what differs from the expectation, nothing when all is well.</summary>
internal static class StateChecks
{
    /// <summary>The goal of every move-in: service is on and a start reading was taken.</summary>
    public static IEnumerable<string> ServiceOn(OrderView view)
    {
        var meter = view.FinalState?.Meter;
        if (meter is null)
        {
            yield return "no meter at the service point";
        }
        else if (meter.Switch != SwitchState.Connected)
        {
            yield return $"meter {meter.MeterId} is {meter.Switch}, expected Connected";
        }

        if (view.Readings is not { Count: > 0 })
        {
            yield return "no reading";
        }
    }

    /// <summary>A new smart meter: the one the request named, commissioned at the head-end, and on.</summary>
    public static Func<OrderView, IEnumerable<string>> NewSmartMeterOn(string meterId) => view =>
    {
        var meter = view.FinalState?.Meter;
        var differences = new List<string>();
        if (meter is not null && meter.MeterId != meterId)
        {
            differences.Add($"meter {meter.MeterId} installed, expected {meterId}");
        }

        if (meter is { Commissioned: false })
        {
            differences.Add($"meter {meter.MeterId} is not commissioned");
        }

        differences.AddRange(ServiceOn(view));
        return differences;
    };

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
}
