using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Cli.Orders;

/// <summary>How many of the watched orders have ended, after how long.</summary>
internal readonly record struct WatchProgress(int Ended, int Total, TimeSpan Elapsed);

/// <summary>
/// Polls orders until all have ended or the time is up. Ended orders are not polled again; the API has no push, and
/// polling every half second is cheap against a local host.
/// </summary>
internal sealed class OrderWatcher(ApiClient api, TimeProvider time)
{
    static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Bounds the requests in flight, so that a verb watching many orders does not flood the host.</summary>
    const int MaxConcurrentPolls = 8;

    /// <summary>
    /// The last view of every order, by order id; null for an order the host never showed. Orders still open when
    /// <paramref name="budget"/> runs out are returned as last seen.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, OrderView?>> WaitForEndAsync(
        IReadOnlyList<string> orderIds,
        TimeSpan budget,
        Action<WatchProgress> onProgress,
        CancellationToken cancellationToken)
    {
        var latest = orderIds.ToDictionary(id => id, _ => (OrderView?)null, StringComparer.Ordinal);
        var started = time.GetTimestamp();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPolls, CancellationToken = cancellationToken };
        while (true)
        {
            var open = latest.Where(p => p.Value is null || !p.Value.HasEnded()).Select(p => p.Key).ToArray();
            var views = new OrderView?[open.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, open.Length), parallel, async (i, token) =>
                views[i] = await api.GetOrderAsync(open[i], token));

            for (var i = 0; i < open.Length; i++)
            {
                // A 404 after an earlier answer would be odd; keep what was seen rather than forget it.
                latest[open[i]] = views[i] ?? latest[open[i]];
            }

            var elapsed = time.GetElapsedTime(started);
            var progress = new WatchProgress(latest.Values.Count(v => v is not null && v.HasEnded()), orderIds.Count, elapsed);
            onProgress(progress);
            if (progress.Ended == progress.Total || elapsed >= budget)
            {
                return latest;
            }

            var wait = budget - elapsed < PollInterval ? budget - elapsed : PollInterval;
            await Task.Delay(wait, time, cancellationToken);
        }
    }
}
