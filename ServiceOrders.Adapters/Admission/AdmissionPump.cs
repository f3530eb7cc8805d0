using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Admission;

/// <summary>What one cycle of the pump did.</summary>
/// <param name="HoldsLease">False when another host's pump holds the lease: this one started nothing.</param>
/// <param name="InProgress">Orders in progress when the cycle counted (null when it did not count).</param>
/// <param name="Started">Orders the cycle started.</param>
/// <param name="Settled">Pending rows it took off the store (started, duplicates, refused, set aside).</param>
/// <param name="MoreWaiting">Whether a full batch was taken and more may wait: run again at once.</param>
public sealed record AdmissionCycle(bool HoldsLease, int? InProgress, int Started, int Settled, bool MoreWaiting);

/// <summary>
/// Starts pending orders while the orders in progress are fewer than <see cref="AdmissionOptions.MaxOrdersInProgress"/>:
/// highest priority first, oldest first within a priority. One host's pump at a time works (the lease in the admission
/// table), so hosts sharing a store never start an order twice nor together overshoot the limit; should a lease be
/// lost mid-cycle, the engine still starts each order once (its instance id is the order id) and the overshoot stays
/// within one batch. Per cycle: the lease (renewed every third of its duration), one query of the next batch, one
/// query of ticket keys, one transaction of tickets, the starts, one transaction of deletes per priority. A ticket is
/// written before its start and the pending row deleted after it: a crash in between re-tries a start, which dedupes.
/// </summary>
public sealed partial class AdmissionPump(
    AdmissionStore store,
    AdmissionFigures figures,
    ServiceOrderIntake intake,
    IntakePoisonQueue poison,
    AdmissionTickets tickets,
    IOptions<AdmissionOptions> options,
    TimeProvider time,
    ILogger<AdmissionPump> logger) : IDisposable
{
    /// <summary>The channel the starts are traced and logged under.</summary>
    public const string Channel = "admission";

    readonly SemaphoreSlim cycling = new(1, 1);
    DateTimeOffset renewLeaseAt = DateTimeOffset.MinValue;
    DateTimeOffset nextCleanup = DateTimeOffset.MinValue;
    DateTimeOffset nextCount = DateTimeOffset.MinValue;

    public void Dispose() => cycling.Dispose();

    /// <summary>This pump's name on the lease.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>One cycle: take the lease, count, start what the limit allows, take the started rows off the store.</summary>
    public async Task<AdmissionCycle> RunOnceAsync(IOrderEngine engine, CancellationToken cancellationToken)
    {
        await cycling.WaitAsync(cancellationToken);
        try
        {
            return await CycleAsync(engine, cancellationToken);
        }
        finally
        {
            cycling.Release();
        }
    }

    async Task<AdmissionCycle> CycleAsync(IOrderEngine engine, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        if (now >= renewLeaseAt)
        {
            if (!await store.TryHoldLeaseAsync(Holder, now, cancellationToken))
            {
                renewLeaseAt = DateTimeOffset.MinValue;
                return new(false, null, 0, 0, false);
            }

            renewLeaseAt = now + settings.LeaseDuration / 3;
        }

        if (now >= nextCleanup)
        {
            await CleanUpTicketsAsync(now, cancellationToken);
            nextCleanup = now + TimeSpan.FromTicks(Math.Min(settings.TicketLifetime.Ticks / 4, TimeSpan.FromMinutes(1).Ticks));
        }

        var pending = await store.NextAsync(settings.BatchSize, cancellationToken);
        int? inProgress = null;
        if (pending.Count > 0 || now >= nextCount)
        {
            inProgress = await store.CountTicketsAsync(now, cancellationToken);
        }

        if (now >= nextCount)
        {
            nextCount = now + settings.CountInterval;
            AdmissionFigures.Publish(inProgress ?? 0, await figures.WaitingAsync(cancellationToken));
        }

        var free = settings.MaxOrdersInProgress - (inProgress ?? 0);
        if (pending.Count == 0 || free <= 0)
        {
            return new(true, inProgress, 0, 0, false);
        }

        var batch = pending.Take(free).ToList();
        var done = new List<PendingKey>(batch.Count);
        foreach (var unreadable in batch.Where(r => r.Order is null))
        {
            await SetAsideAsync(unreadable, cancellationToken);
            done.Add(unreadable.Key);
        }

        var orders = batch.Where(r => r.Order is not null).Select(r => (r.Order!, r.Raw)).ToList();
        await store.TakeTicketsAsync(orders.Select(o => o.Item1.Request.RequestId), now, cancellationToken);
        var started = 0;
        await Parallel.ForEachAsync(
            orders,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentStarts, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var (order, raw) = item;
                if (await StartAsync(order, raw, engine, ct) is { } settled)
                {
                    lock (done)
                    {
                        done.Add(order.Key);
                        started += settled ? 1 : 0;
                    }
                }
            });

        await store.DeleteAsync(done, cancellationToken);
        return new(true, inProgress, started, done.Count, pending.Count == settings.BatchSize && batch.Count == pending.Count);
    }

    /// <summary>
    /// Starts one pending order through the intake's start (the same duplicate and conflict handling as a message):
    /// true when it started, false when it is settled otherwise (duplicate, refused, set aside), null when it stays
    /// pending for the next cycle.
    /// </summary>
    async Task<bool?> StartAsync(PendingOrder order, byte[] raw, IOrderEngine engine, CancellationToken cancellationToken)
    {
        var request = order.Request;
        var message = new IntakeMessage(raw, order.MessageId ?? order.Key.RowKey, order.Attempts + 1);
        var outcome = await intake.StartAsync(request, order.ReceivedAt, order.TraceParent, order.TraceState, message, engine, Channel, cancellationToken);
        switch (outcome)
        {
            case IntakeOutcome.Started:
                ServiceOrdersMetrics.Admitted(order.Priority.ToString(), request.RequestType, time.GetUtcNow() - order.ReceivedAt);
                return true;

            case IntakeOutcome.Transient { GiveUp: false }:
                // Not started: the slot goes back until the next try.
                await store.ReleaseTicketAsync(request.RequestId, cancellationToken);
                await store.RecordFailedAttemptAsync(order.Key, order.Attempts + 1, cancellationToken);
                return null;

            case IntakeOutcome.Transient:
                await store.ReleaseTicketAsync(request.RequestId, cancellationToken);
                await poison.AddAsync(message, outcome, cancellationToken);
                return false;

            case IntakeOutcome.Rejected:
                // A conflict the CIS was told of: set aside as the intake sets such a message aside.
                await poison.AddAsync(message, outcome, cancellationToken);
                await tickets.ReturnIfIdleAsync(request.RequestId, cancellationToken);
                return false;

            default:
                // A duplicate (a redelivered message, or another pump's start).
                await tickets.ReturnIfIdleAsync(request.RequestId, cancellationToken);
                return false;
        }
    }

    /// <summary>A row that cannot be read is never started: it goes to the intake's poison queue with why, and off the store.</summary>
    async Task SetAsideAsync(PendingRead row, CancellationToken cancellationToken)
    {
        var problem = row.Problem ?? "The row cannot be read.";
        LogUnreadable(logger, row.Key.PartitionKey, row.Key.RowKey, row.MessageId, problem);
        var outcome = new IntakeOutcome.Rejected(null, IntakeReasons.Unreadable,
            [new(IntakeReasons.Unreadable, "body", $"Pending admission row {row.Key.PartitionKey}/{row.Key.RowKey} set aside: {problem}")], Replied: false);
        await poison.AddAsync(new IntakeMessage(row.Raw, row.MessageId ?? row.Key.RowKey, 1), outcome, cancellationToken);
    }

    async Task CleanUpTicketsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await store.DeleteExpiredTicketsAsync(now, cancellationToken);
        if (expired.Count > 0)
        {
            LogExpired(logger, expired.Count, options.Value.TicketLifetime, string.Join(", ", expired.Take(20)));
        }
    }

    /// <summary>The most a cycle may wait for its next one; also the delay after a failed cycle.</summary>
    public TimeSpan PollInterval => options.Value.PollInterval;

    [LoggerMessage(Level = LogLevel.Error, Message = "Pending admission row {Partition}/{Row} (message {MessageId}) cannot be read ({Problem}); it is set aside on the intake poison queue and not started")]
    static partial void LogUnreadable(ILogger logger, string partition, string row, string? messageId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} admission tickets were older than {Lifetime} and no longer count as orders in progress: {OrderIds}")]
    static partial void LogExpired(ILogger logger, int count, TimeSpan lifetime, string orderIds);
}
