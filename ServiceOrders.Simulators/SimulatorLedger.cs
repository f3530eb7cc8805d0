using System.Collections.Concurrent;

namespace ServiceOrders.Simulators;

/// <summary>
/// What the simulated systems carried out, counted by idempotency key: work received twice under one key is done once
/// and counted as a repeat, as a real system that honours the key would.
/// </summary>
public sealed class SimulatorLedger
{
    readonly ConcurrentDictionary<string, int> received = new();

    /// <summary>Records a key; true the first time it is seen.</summary>
    public bool TryBegin(string key) => received.AddOrUpdate(key, 1, (_, n) => n + 1) == 1;

    /// <summary>Forgets a key whose work could not be finished, so its redelivery is carried out.</summary>
    public void Abandon(string key) => received.TryRemove(key, out _);

    public int Distinct => received.Count;

    public int Repeats => received.Values.Sum(n => n - 1);

    /// <summary>Every key carried out so far, with how often it was received.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(received, StringComparer.Ordinal);
}
