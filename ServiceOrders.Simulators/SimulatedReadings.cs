using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Simulators;

/// <summary>Plausible meter readings, the same for the same key.</summary>
internal static class SimulatedReadings
{
    /// <summary>An energy register for electricity; a volume register for gas and water.</summary>
    public static Reading Register(string key, DateTimeOffset at, Commodity commodity = Commodity.Electric) =>
        commodity == Commodity.Electric
            ? new("1.8.0", Value(key), "kWh", at)
            : new("volume", Value(key) / 10m, "m3", at);

    public static IReadOnlyList<Reading> Interval(string key, DateTimeOffset at) =>
        Enumerable.Range(0, 4)
            .Select(i => new Reading("1.29.0", Value(key + i) / 1000m, "kWh", at.AddMinutes(-15 * (3 - i)), ReadKind.Interval))
            .ToArray();

    static decimal Value(string key)
    {
        var hash = 17;
        foreach (var c in key)
        {
            hash = unchecked((hash * 31) + c);
        }

        return (Math.Abs(hash % 9_000_000) + 100_000) / 100m;
    }
}
