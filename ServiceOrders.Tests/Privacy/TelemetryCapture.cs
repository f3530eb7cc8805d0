using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using ServiceOrders.Host.Telemetry;

namespace ServiceOrders.Tests.Privacy;

/// <summary>
/// Records, as text, everything the host's telemetry would export: each span of the sources it exports (name, attributes,
/// events, links' state) and each measurement of the meters it exports with its tags. For checks that no personal data
/// goes into telemetry.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    readonly ConcurrentQueue<string> texts = new();
    readonly ActivityListener spans;
    readonly MeterListener metrics = new();

    public TelemetryCapture()
    {
        spans = new ActivityListener
        {
            ShouldListenTo = source => TelemetryServices.Sources.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span => texts.Enqueue(Describe(span)),
        };
        ActivitySource.AddActivityListener(spans);
        metrics.InstrumentPublished = (instrument, listener) =>
        {
            if (TelemetryServices.Meters.Contains(instrument.Meter.Name))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        metrics.SetMeasurementEventCallback<long>((instrument, value, tags, _) => texts.Enqueue(Describe(instrument, tags)));
        metrics.SetMeasurementEventCallback<double>((instrument, value, tags, _) => texts.Enqueue(Describe(instrument, tags)));
        metrics.SetMeasurementEventCallback<int>((instrument, value, tags, _) => texts.Enqueue(Describe(instrument, tags)));
        metrics.Start();
    }

    /// <summary>What was captured so far.</summary>
    public IReadOnlyList<string> Texts() => [.. texts];

    static string Describe(Activity span) =>
        $"span {span.DisplayName} [{string.Join(", ", span.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]" +
        $" events [{string.Join(", ", span.Events.Select(e => $"{e.Name} {string.Join(" ", e.Tags.Select(t => $"{t.Key}={t.Value}"))}"))}]" +
        $" state {span.TraceStateString} status {span.StatusDescription}";

    static string Describe(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var list = new List<string>();
        foreach (var tag in tags)
        {
            list.Add($"{tag.Key}={tag.Value}");
        }

        return $"metric {instrument.Name} [{string.Join(", ", list)}]";
    }

    public void Dispose()
    {
        spans.Dispose();
        metrics.Dispose();
    }
}
