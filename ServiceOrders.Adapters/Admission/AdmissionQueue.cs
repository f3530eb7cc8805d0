namespace ServiceOrders.Adapters.Admission;

/// <summary>
/// Where the intake puts requests while admission control is on (registered only then): the pending store, and a
/// wake-up for the admission pump of the same host, so that a request taken in after a quiet spell does not wait for
/// the pump's next poll.
/// </summary>
public sealed class AdmissionQueue(AdmissionStore store, AdmissionSignal signal)
{
    public async Task AddAsync(PendingOrder order, CancellationToken cancellationToken)
    {
        await store.AddAsync(order, cancellationToken);
        signal.Wake();
    }
}

/// <summary>Wakes the admission pump of this host: a request is pending, or a slot was given back.</summary>
public sealed class AdmissionSignal : IDisposable
{
    readonly SemaphoreSlim awake = new(0, 1);

    public void Dispose() => awake.Dispose();

    public void Wake()
    {
        try
        {
            if (awake.CurrentCount == 0)
            {
                awake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Woken already.
        }
    }

    /// <summary>Waits until woken or <paramref name="timeout"/> passed.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => awake.WaitAsync(timeout, cancellationToken);
}
