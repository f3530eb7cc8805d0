using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Deadlines;

/// <summary>
/// Tells orders that a deadline they wait under has passed: reads the due deadlines off the board, claims each, raises
/// <see cref="OrderEvents.DeadlinePassed"/> on its order (unless the order has ended), then removes it. Several hosts
/// may sweep one board: the claim makes one of them raise each deadline; a host stopped between raising and removing
/// makes the next sweep raise it again, which the order ignores as an answer to a wait that is over. The engine client
/// comes with each call, because the Functions host binds one per invocation.
/// </summary>
public sealed partial class DeadlineSweep(
    TableDeadlineBoard board,
    IOptions<DeadlineOptions> options,
    TimeProvider time,
    ILogger<DeadlineSweep> logger)
{
    /// <summary>One pass over the board; returns how many deadlines it handled, and whether it stopped at its batch size.</summary>
    public async Task<(int Handled, bool Full)> SweepOnceAsync(IOrderEngine engine, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var settings = options.Value;
        var now = time.GetUtcNow();
        var due = await board.DueAsync(now, settings.BatchSize, cancellationToken);
        var handled = 0;
        foreach (var deadline in due)
        {
            if (deadline.ClaimedUntil is { } claimed && claimed > now)
            {
                continue; // another sweep is raising it
            }

            if (await board.TryClaimAsync(deadline, now + settings.ClaimTimeout, cancellationToken) is not { } mine)
            {
                continue;
            }

            var entry = mine.Entry;
            var status = await engine.GetStatusAsync(entry.OrderId, cancellationToken);
            if (status is { } s && !OrderInstance.IsEnded(s))
            {
                await engine.RaiseEventAsync(entry.OrderId, OrderEvents.DeadlinePassed, new DeadlinePassed(entry.ActivityId, entry.DueAt), cancellationToken);
                ServiceOrdersMetrics.DeadlineSwept(raised: true, time.GetUtcNow() - entry.DueAt);
                LogRaised(logger, entry.OrderId.Value, entry.ActivityId, entry.DueAt);
            }
            else
            {
                ServiceOrdersMetrics.DeadlineSwept(raised: false, time.GetUtcNow() - entry.DueAt);
            }

            await board.RemoveAsync(mine, cancellationToken);
            handled++;
        }

        return (handled, due.Count >= settings.BatchSize);
    }

    /// <summary>Sweeps until the board holds no more due deadlines than one batch can take.</summary>
    public async Task<int> SweepAsync(IOrderEngine engine, CancellationToken cancellationToken)
    {
        var total = 0;
        for (var pass = 0; pass < 50; pass++)
        {
            var (handled, full) = await SweepOnceAsync(engine, cancellationToken);
            total += handled;
            if (!full || handled == 0)
            {
                break;
            }
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId}: the deadline of {ActivityId} passed at {DueAt:u}; the order was told")]
    static partial void LogRaised(ILogger logger, string orderId, string activityId, DateTimeOffset dueAt);
}
