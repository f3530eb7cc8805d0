using ServiceOrders.Contracts.Api;


namespace ServiceOrders.Cli.Orders;

/// <summary>
/// Polls an order until a condition holds, the order ends, or the time is up. One watcher serves every order of a run,
/// so that many concurrent waits share a bound on the requests in flight; the API has no push, and polling a few times
/// a second is cheap against a local host.
/// </summary>
internal sealed class OrderWatcher(ApiClient api, TimeProvider time) : IDisposable
{
    /// <summary>Bounds the requests in flight, so that a verb watching many orders does not flood the host.</summary>
    const int MaxConcurrentPolls = 8;

    readonly SemaphoreSlim polls = new(MaxConcurrentPolls);

    /// <summary>
    /// The order's last view and whether <paramref name="condition"/> held for it. Stops early when the order ends, since
    /// nothing changes after that; the view is null when the host never showed the order.
    /// </summary>
    public async Task<(OrderView? View, bool Met)> WaitUntilAsync(
        string orderId, Func<OrderView, bool> condition, TimeSpan budget, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        OrderView? latest = null;
        while (true)
        {
            // A 404 after an earlier answer would be odd; keep what was seen rather than forget it.
            latest = await GetAsync(orderId, cancellationToken) ?? latest;
            if (latest is not null && (condition(latest) || latest.HasEnded()))
            {
                return (latest, condition(latest));
            }

            var left = budget - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return (latest, false);
            }

            await Task.Delay(left < pollInterval ? left : pollInterval, time, cancellationToken);
        }
    }

    /// <summary>The order as it is now; null when the host does not know it.</summary>
    public async Task<OrderView?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        await polls.WaitAsync(cancellationToken);
        try
        {
            return await api.GetOrderAsync(orderId, cancellationToken);
        }
        finally
        {
            polls.Release();
        }
    }

    public void Dispose() => polls.Dispose();
}
