using System.Collections.Concurrent;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Functions.Engine;

/// <summary>The engine port over the Durable Functions client bound to one invocation.</summary>
public sealed class DurableFunctionsOrderEngine(DurableTaskClient client) : IOrderEngine
{
    /// <summary>The starts under way in this process, by order id: a second start of one id waits for the first.</summary>
    static readonly ConcurrentDictionary<OrderId, Task> Starting = new();

    /// <summary>
    /// Starts the order's orchestration unless the id has one: true for the caller that started it, false for every
    /// other (a duplicate), also when two deliveries of one request arrive at once.
    /// </summary>
    public async Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken)
    {
        // One start of an id at a time in this process (an engine is made per invocation, so the gate is shared): the
        // second sees the first's instance and starts nothing.
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        while (!Starting.TryAdd(orderId, mine.Task))
        {
            if (Starting.TryGetValue(orderId, out var other))
            {
                await other.WaitAsync(cancellationToken);
            }
        }

        try
        {
            return await StartOnceAsync(orderId, input, cancellationToken);
        }
        finally
        {
            Starting.TryRemove(new KeyValuePair<OrderId, Task>(orderId, mine.Task));
            mine.SetResult();
        }
    }

    async Task<bool> StartOnceAsync(OrderId orderId, object input, CancellationToken cancellationToken)
    {
        // Durable Functions would restart a finished instance under the same id; an order id is used once, ever.
        if (await client.GetInstanceAsync(orderId.Value, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                WorkflowNames.ServiceOrder, input, new StartOrchestrationOptions(orderId.Value), cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another process started the id between the look and the start: the Functions host refuses the second
            // start of a running instance, and the gRPC client raises this for it.
            return false;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            // The same refusal as clients before 1.22 raise it.
            return false;
        }
    }

    public async Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(orderId.Value, getInputsAndOutputs: true, cancellationToken);
        return metadata is null
            ? null
            : new OrderInstance(
                orderId,
                StatusOf(metadata.RuntimeStatus),
                metadata.CreatedAt,
                metadata.LastUpdatedAt,
                metadata.SerializedInput,
                metadata.SerializedCustomStatus,
                metadata.SerializedOutput,
                metadata.FailureDetails?.ErrorMessage);
    }

    public async Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(orderId.Value, getInputsAndOutputs: false, cancellationToken) is { } metadata ? StatusOf(metadata.RuntimeStatus) : null;

    static EngineStatus StatusOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => EngineStatus.Pending,
        OrchestrationRuntimeStatus.Running => EngineStatus.Running,
        OrchestrationRuntimeStatus.Completed => EngineStatus.Completed,
        OrchestrationRuntimeStatus.Failed => EngineStatus.Failed,
        OrchestrationRuntimeStatus.Suspended => EngineStatus.Suspended,
        _ => EngineStatus.Terminated,
    };

    public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(orderId.Value, eventName, payload, cancellationToken);
}
