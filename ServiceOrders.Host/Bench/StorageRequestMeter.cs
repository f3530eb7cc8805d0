using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ServiceOrders.Host.Bench;

/// <summary>
/// Counts the HTTP requests this process makes, per server address, from the runtime's own HttpClient metrics
/// (<c>http.client.request.duration</c>, one measurement per request). Every Azure SDK client goes through HttpClient,
/// so the engine's storage requests are counted as well as ours, without touching either.
/// </summary>
public sealed class StorageRequestMeter : IDisposable
{
    readonly MeterListener listener = new();
    readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);

    public StorageRequestMeter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Count(tags));
        listener.Start();
    }

    /// <summary>Requests so far, keyed <c>host:port</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    void Count(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? address = null;
        object? port = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "server.address")
            {
                address = tag.Value as string;
            }
            else if (tag.Key == "server.port")
            {
                port = tag.Value;
            }
        }

        counts.AddOrUpdate($"{address}:{port}", 1, (_, n) => n + 1);
    }

    public void Dispose() => listener.Dispose();
}
