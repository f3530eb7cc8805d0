using Microsoft.DurableTask;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Orchestration;

/// <summary>
/// One service order, from request to reply: claim the service point, wait for the service date, let the planner
/// decide, check the disconnect rules, run the activity, wait for its answer with a deadline, record what it reported,
/// and repeat until the planner says the goal holds. When nothing can move the order, it waits in exception for an
/// operator. A cancellation is heard at every wait. Both hosts run this class; it only coordinates, the decisions
/// are the planner's and the rules'.
/// </summary>
public sealed class ServiceOrderOrchestrator : TaskOrchestrator<ServiceOrderStart, OrderResult>
{
    public override Task<OrderResult> RunAsync(TaskOrchestrationContext context, ServiceOrderStart input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new OrderRun(context, input).ExecuteAsync();
    }
}
