using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>Head-end answers that arrive on the result queue rather than the HTTP callback.</summary>
public sealed class HeadEndResultFunction(HeadEndResultIntake intake, TimeProvider time)
{
    [Function("HeadEndResults")]
    public Task RunAsync(
        [QueueTrigger(HeadEndResultIntake.DefaultResultQueue, Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
        => intake.HandleAsync(new DurableFunctionsOrderEngine(client), message, time.GetUtcNow(), context.CancellationToken);
}
