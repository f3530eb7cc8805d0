using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Worker.Shims;
using ServiceOrders.Host.Engine;

namespace ServiceOrders.DevHost.Bench;

/// <summary>
/// Starts the bare engine's orchestrations on the host's engine (<see cref="HelloCities"/>, or <see cref="SameShape"/>
/// in a given shape) and counts those that got through their last activity. For <see cref="SameShape"/> it also
/// answers the commands: each answer reads the instance's status and raises the event through the orchestration
/// service, as the API does with a head-end's answer.
/// </summary>
public sealed class BaselineWorkload : IWorkerExtension
{
    /// <summary>Starts in flight at once: the same as the storage queue intake takes messages by default.</summary>
    const int StartConcurrency = 16;

    /// <summary>Answers in flight at once.</summary>
    const int AnswerConcurrency = 16;

    readonly Channel<ShapeActivityInput> commands = Channel.CreateUnbounded<ShapeActivityInput>();
    AzureStorageOrchestrationService? service;
    int answering;
    int started;
    int failed;
    int finished;
    int answerFailures;

    public int Started => Volatile.Read(ref started);

    /// <summary>Starts the provider refused; the bench reports them as stuck.</summary>
    public int FailedStarts => Volatile.Read(ref failed);

    /// <summary>Orchestrations whose last activity ran; the engine completes each one episode later.</summary>
    public int Finished => Volatile.Read(ref finished);

    /// <summary>Answers that could not be raised (the instance then waits until its deadline).</summary>
    public int AnswerFailures => Volatile.Read(ref answerFailures);

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
        worker.AddTaskOrchestrations(new NamedObjectCreator<TaskOrchestration>(SameShape.Name, () => shims.CreateOrchestration(SameShape.Name, new SameShape())));
        worker.AddTaskActivities(new NamedObjectCreator<TaskActivity>(SameShape.Step, () => shims.CreateActivity<ShapeActivityInput, int>(
            SameShape.Step,
            (_, input) =>
            {
                if (input is { Events: > 0 })
                {
                    commands.Writer.TryWrite(input);
                }

                if (input is { Last: true })
                {
                    Interlocked.Increment(ref finished);
                }

                return Task.FromResult(input?.Events ?? 0);
            })));
    }

    /// <summary>
    /// Starts <paramref name="count"/> instances named <c>{prefix}{n}</c> in the background: <see cref="HelloCities"/>,
    /// or <see cref="SameShape"/> in <paramref name="shape"/>.
    /// </summary>
    internal void Start(AzureStorageOrchestrationService orchestrationService, string prefix, int count, BaselineShape? shape)
    {
        service = orchestrationService;
        if (shape is not null && Interlocked.Exchange(ref answering, 1) == 0)
        {
            _ = Task.Run(AnswerAsync);
        }

        var (name, input) = shape is null ? (HelloCities.Name, "\"bench\"") : (SameShape.Name, JsonSerializer.Serialize(shape, JsonSerializerOptions.Web));
        _ = Task.Run(() => Parallel.ForEachAsync(
            Enumerable.Range(1, count),
            new ParallelOptions { MaxDegreeOfParallelism = StartConcurrency },
            async (n, _) =>
            {
                var instance = new OrchestrationInstance { InstanceId = string.Create(CultureInfo.InvariantCulture, $"{prefix}{n}"), ExecutionId = Guid.NewGuid().ToString("N") };
                try
                {
                    await orchestrationService.CreateTaskOrchestrationAsync(new TaskMessage
                    {
                        OrchestrationInstance = instance,
                        Event = new ExecutionStartedEvent(-1, input) { Name = name, Version = string.Empty, OrchestrationInstance = instance },
                    });
                    Interlocked.Increment(ref started);
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref failed);
                }
            }));
    }

    /// <summary>Answers each command: per event, a status read of the instance and the event raised, as a client from outside does.</summary>
    Task AnswerAsync() => Parallel.ForEachAsync(
        commands.Reader.ReadAllAsync(),
        new ParallelOptions { MaxDegreeOfParallelism = AnswerConcurrency },
        async (command, _) =>
        {
            for (var e = 0; e < command.Events; e++)
            {
                try
                {
                    await service!.GetOrchestrationStateAsync(command.InstanceId, allExecutions: false, fetchInput: false);
                    await service.SendTaskOrchestrationMessageAsync(new TaskMessage
                    {
                        OrchestrationInstance = new OrchestrationInstance { InstanceId = command.InstanceId },
                        Event = new EventRaisedEvent(-1, "1") { Name = SameShape.Answer },
                    });
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref answerFailures);
                }
            }
        });
}
