using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Functions.Engine;

/// <summary>The engine port over the Durable Functions client bound to one invocation.</summary>
public sealed class DurableFunctionsOrderEngine(DurableTaskClient client) : IOrderEngine
{
    public async Task<bool> StartAsync(string orderId, object input, CancellationToken cancellationToken)
    {
        // Durable Functions would restart a finished instance under the same id; an order id is used once, ever.
        if (await client.GetInstanceAsync(orderId, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return false;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowNames.ServiceOrder, input, new StartOrchestrationOptions(orderId), cancellationToken);
        return true;
    }

    public async Task<OrderInstance?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(orderId, getInputsAndOutputs: true, cancellationToken);
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

    public async Task<EngineStatus?> GetStatusAsync(string orderId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(orderId, getInputsAndOutputs: false, cancellationToken) is { } metadata ? StatusOf(metadata.RuntimeStatus) : null;

    static EngineStatus StatusOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => EngineStatus.Pending,
        OrchestrationRuntimeStatus.Running => EngineStatus.Running,
        OrchestrationRuntimeStatus.Completed => EngineStatus.Completed,
        OrchestrationRuntimeStatus.Failed => EngineStatus.Failed,
        OrchestrationRuntimeStatus.Suspended => EngineStatus.Suspended,
        _ => EngineStatus.Terminated,
    };

    public Task RaiseEventAsync(string orderId, string eventName, object payload, CancellationToken cancellationToken) =>
        client.RaiseEventAsync(orderId, eventName, payload, cancellationToken);
}
