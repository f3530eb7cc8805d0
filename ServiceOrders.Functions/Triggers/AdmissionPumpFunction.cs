using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>
/// The Functions app's admission pump: every 2 seconds (one instance at a time, as timer triggers do; the pump's lease
/// keeps it one across the standalone hosts of a shared store as well) it starts the orders waiting for admission while
/// the orders in progress are under the limit, cycle after cycle while full batches go out, for at most
/// <see cref="MaxRunTime"/>. With admission control off it does nothing.
/// </summary>
public sealed class AdmissionPumpFunction(AdmissionPump pump, IOptions<AdmissionOptions> options, TimeProvider time)
{
    public const string FunctionName = "AdmissionPump";

    /// <summary>How long one invocation keeps starting orders before it leaves the rest to the next.</summary>
    public static readonly TimeSpan MaxRunTime = TimeSpan.FromSeconds(20);

    [Function(FunctionName)]
    public Task RunAsync([TimerTrigger("*/2 * * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
        => RunCyclesAsync(new DurableFunctionsOrderEngine(client), cancellationToken);

    /// <summary>Runs cycles while each started a full batch and time is left; returns how many orders were started.</summary>
    public async Task<int> RunCyclesAsync(Workflow.Engine.IOrderEngine engine, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return 0;
        }

        var until = time.GetUtcNow() + MaxRunTime;
        var started = 0;
        AdmissionCycle cycle;
        do
        {
            cycle = await pump.RunOnceAsync(engine, cancellationToken);
            started += cycle.Started;
        }
        while (cycle.MoreWaiting && time.GetUtcNow() < until && !cancellationToken.IsCancellationRequested);

        return started;
    }
}
