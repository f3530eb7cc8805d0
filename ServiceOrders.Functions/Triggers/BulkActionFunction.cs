using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServiceOrders.Api.Operators;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>
/// Runs the bulk actions that may run, every 10 seconds (one instance at a time, as timer triggers do). Each order is
/// claimed in the store before it is acted on, so an instance stopped half-way leaves no order acted on twice.
/// </summary>
public sealed class BulkActionFunction(BulkActionRunner runner)
{
    [Function("RunBulkActions")]
    public Task RunAsync([TimerTrigger("*/10 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => runner.RunPendingAsync(new DurableFunctionsOrderEngine(client), cancellationToken);
}
