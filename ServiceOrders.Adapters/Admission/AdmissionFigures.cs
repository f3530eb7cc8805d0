using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Admission;

/// <summary>
/// The figures of admission control for <c>GET /api/admission</c>, the overview and the gauges: the limit, the orders in
/// progress (one query of ticket keys), the waiting orders by priority (a scan of the pending keys, taken at most every
/// <see cref="AdmissionOptions.CountInterval"/>, whoever asks).
/// </summary>
public sealed class AdmissionFigures(AdmissionStore store, IOptions<AdmissionOptions> options, TimeProvider time) : IDisposable
{
    readonly SemaphoreSlim counting = new(1, 1);
    (DateTimeOffset At, IReadOnlyList<WaitingCount> Waiting)? last;

    public void Dispose() => counting.Dispose();

    /// <summary>The waiting orders by priority, from the last count while it is fresh.</summary>
    public async Task<IReadOnlyList<WaitingCount>> WaitingAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await counting.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } taken)
            {
                return taken;
            }

            var waiting = await store.WaitingAsync(cancellationToken);
            last = (time.GetUtcNow(), waiting);
            return waiting;
        }
        finally
        {
            counting.Release();
        }
    }

    IReadOnlyList<WaitingCount>? Fresh() =>
        last is { } l && time.GetUtcNow() - l.At < options.Value.CountInterval ? l.Waiting : null;

    /// <summary>How many requests wait for admission (0 when admission control is off).</summary>
    public async Task<int> WaitingCountAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? (await WaitingAsync(cancellationToken)).Sum(w => w.Count) : 0;

    /// <summary>Everything <c>GET /api/admission</c> answers; publishes the counts to the gauges as well.</summary>
    public async Task<AdmissionStatus> StatusAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return new AdmissionStatus(now, false, 0, 0, 0, []);
        }

        var inProgress = await store.CountTicketsAsync(now, cancellationToken);
        var waiting = await WaitingAsync(cancellationToken);
        Publish(inProgress, waiting);
        return new AdmissionStatus(
            now,
            true,
            settings.MaxOrdersInProgress,
            inProgress,
            waiting.Sum(w => w.Count),
            [.. waiting.Select(w => new AdmissionWaiting(
                w.Priority,
                w.Count,
                w.OldestReceivedAt,
                w.OldestReceivedAt is { } at ? Math.Max(0, Math.Round((now - at).TotalSeconds, 3)) : null))]);
    }

    /// <summary>Publishes the counts to the gauges <c>serviceorders.admission.*</c>.</summary>
    public static void Publish(int inProgress, IReadOnlyList<WaitingCount> waiting) =>
        ServiceOrdersMetrics.ReportAdmission(new(inProgress, [.. waiting.Select(w => new KeyValuePair<string, long>(w.Priority.ToString(), w.Count))]));
}
