using System.Collections.Concurrent;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Support;

/// <summary>
/// The deadline board and its sweep, in memory: a deadline still on the board when its time comes is taken off and
/// raised on its order as <see cref="OrderEvents.DeadlinePassed"/>, once, as the real sweep does.
/// </summary>
public sealed class FakeDeadlineBoard : IDeadlineBoard
{
    readonly ConcurrentDictionary<(string OrderId, string ActivityId), DeadlineEntry> entries = new();

    public IOrderEngine? Engine { get; set; }

    /// <summary>Every deadline ever put on the board.</summary>
    public ConcurrentQueue<DeadlineEntry> Set { get; } = new();

    /// <summary>Every deadline taken off by an order.</summary>
    public ConcurrentQueue<DeadlineEntry> Cleared { get; } = new();

    /// <summary>Every deadline the sweep raised.</summary>
    public ConcurrentQueue<DeadlineEntry> Passed { get; } = new();

    public bool Holds(string orderId, string activityId) => entries.ContainsKey((orderId, activityId));

    public Task SetAsync(DeadlineEntry entry, CancellationToken cancellationToken)
    {
        if (entries.TryAdd((entry.OrderId.Value, entry.ActivityId.Value), entry))
        {
            Set.Enqueue(entry);
            _ = SweepAtAsync(entry);
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(OrderId orderId, StepId activityId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        if (entries.TryRemove((orderId.Value, activityId.Value), out var entry))
        {
            Cleared.Enqueue(entry);
        }

        return Task.CompletedTask;
    }

    async Task SweepAtAsync(DeadlineEntry entry)
    {
        var wait = entry.DueAt - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        if (entries.TryRemove(KeyValuePair.Create((entry.OrderId.Value, entry.ActivityId.Value), entry)) && Engine is { } engine)
        {
            Passed.Enqueue(entry);
            try
            {
                await engine.RaiseEventAsync(entry.OrderId, OrderEvents.DeadlinePassed, new DeadlinePassed(entry.ActivityId.Value, entry.DueAt), CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // The test's engine stopped.
            }
        }
    }
}
