using Microsoft.DurableTask;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>A durable timer at a deadline (plus slack), cancelled when disposed before it fired.</summary>
internal sealed class DeadlineTimer : IDisposable
{
    // The Azure Storage provider schedules timers with queue visibility in whole seconds, so a timer can fire up to
    // a second early; the slack keeps a wait from ending before its time (and a window check from spinning).
    static readonly TimeSpan TimerSlack = TimeSpan.FromSeconds(1);

    readonly CancellationTokenSource cancellation = new();

    public DeadlineTimer(TaskOrchestrationContext context, DateTimeOffset deadline) =>
        Timer = context.CreateTimer((deadline + TimerSlack).UtcDateTime, cancellation.Token);

    public Task Timer { get; }

    public void Dispose()
    {
        if (!Timer.IsCompleted)
        {
            // Synchronously: an orchestrator may only await durable tasks.
            cancellation.Cancel();
        }

        cancellation.Dispose();
    }
}
