using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Functions.Orchestration;

/// <summary>The service order orchestration as a Durable Functions orchestrator: the same class the standalone host runs.</summary>
public static class ServiceOrderFunction
{
    [Function(nameof(ServiceOrderOrchestrator))]
    public static Task<OrderResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.GetInput<ServiceOrderStart>()
            ?? throw new InvalidOperationException($"Order {context.InstanceId} was started without its input.");
        return new ServiceOrderOrchestrator().RunAsync(context, input);
    }
}
