using Microsoft.DurableTask;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>
/// One standing wait for an external event. The wait is never cancelled, only taken when it completes and then renewed:
/// an abandoned, cancelled waiter would swallow the next event of its name, and an answer would be lost.
/// </summary>
internal sealed class EventInbox<T>(TaskOrchestrationContext context, string eventName)
{
    Task<T>? pending;

    public Task<T> Next => pending ??= context.WaitForExternalEvent<T>(eventName);

    public bool HasArrived => Next.IsCompleted;

    /// <summary>The event that arrived; the next call to <see cref="Next"/> waits for a new one.</summary>
    public async Task<T> TakeAsync()
    {
        var value = await Next;
        pending = null;
        return value;
    }
}
