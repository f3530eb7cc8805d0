namespace ServiceOrders.Workflow.Orchestration;

/// <summary>The names both hosts register the workflow under.</summary>
public static class WorkflowNames
{
    public const string ServiceOrder = nameof(ServiceOrderOrchestrator);
}
