using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServiceOrders.Adapters.Deadlines;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>
/// Tells orders whose head-end or crew deadline passed, every 5 seconds (one instance at a time, as timer triggers do).
/// Each deadline is claimed on the board before its order is told, so instances on several workers tell it once.
/// </summary>
public sealed class DeadlineSweepFunction(DeadlineSweep sweep)
{
    [Function("SweepDeadlines")]
    public Task RunAsync([TimerTrigger("*/5 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => sweep.SweepAsync(new DurableFunctionsOrderEngine(client), cancellationToken);
}
