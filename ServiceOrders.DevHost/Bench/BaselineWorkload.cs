using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Worker.Shims;
using ServiceOrders.Host.Engine;

namespace ServiceOrders.DevHost.Bench;

/// <summary>Starts <see cref="HelloCities"/> orchestrations on the host's engine and counts those that got through their last activity.</summary>
public sealed class BaselineWorkload : IWorkerExtension
{
    /// <summary>Starts in flight at once: the same as the storage queue intake takes messages by default.</summary>
    const int StartConcurrency = 16;

    int started;
    int failed;
    int finished;

    public int Started => Volatile.Read(ref started);

    /// <summary>Starts the provider refused; the bench reports them as stuck.</summary>
    public int FailedStarts => Volatile.Read(ref failed);

    /// <summary>Orchestrations whose last activity ran; the engine completes each one episode later.</summary>
    public int Finished => Volatile.Read(ref finished);

    public void Register(TaskHubWorker worker, DurableTaskShimFactory shims)
    {
        worker.AddTaskOrchestrations(new NamedObjectCreator<TaskOrchestration>(HelloCities.Name, () => shims.CreateOrchestration(HelloCities.Name, new HelloCities())));
        worker.AddTaskActivities(new NamedObjectCreator<TaskActivity>(HelloCities.SayHello, () => shims.CreateActivity<string, string?>(
            HelloCities.SayHello,
            (_, city) =>
            {
                if (city == HelloCities.Cities[^1])
                {
                    Interlocked.Increment(ref finished);
                }

                return Task.FromResult<string?>($"Hello, {city}!");
            })));
    }

    /// <summary>Starts <paramref name="count"/> instances named <c>{prefix}{n}</c> in the background.</summary>
    internal void Start(AzureStorageOrchestrationService service, string prefix, int count) =>
        _ = Task.Run(() => Parallel.ForEachAsync(
            Enumerable.Range(1, count),
            new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency },
            async (n, _) =>
            {
                var instance = new OrchestrationInstance { InstanceId = $"{prefix}{n}", ExecutionId = Guid.NewGuid().ToString("N") };
                try
                {
                    await service.CreateTaskOrchestrationAsync(new TaskMessage
                    {
                        OrchestrationInstance = instance,
                        Event = new ExecutionStartedEvent(-1, "\"bench\"") { Name = HelloCities.Name, Version = string.Empty, OrchestrationInstance = instance },
                    });
                    Interlocked.Increment(ref started);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
            }));
}
