using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Host.Engine;

/// <summary>
/// The orchestrator and activities of the workflow, wrapped for the Durable Task Framework. The activities are those
/// declared in <see cref="WorkflowActivities"/>, under the same names and types as in the Functions app.
/// </summary>
internal static class ActivityCatalog
{
    public static IReadOnlyList<string> OrchestrationNames { get; } = [WorkflowNames.ServiceOrder];

    public static IReadOnlyList<string> ActivityNames { get; } = [.. WorkflowActivities.All.Select(a => a.Name)];

    public static ObjectCreator<TaskOrchestration>[] Orchestrations(DurableTaskShimFactory shims) =>
    [
        new NamedObjectCreator<TaskOrchestration>(WorkflowNames.ServiceOrder, () => shims.CreateOrchestration(WorkflowNames.ServiceOrder, new ServiceOrderOrchestrator())),
    ];

    public static ObjectCreator<TaskActivity>[] Activities(DurableTaskShimFactory shims, IServiceProvider services)
    {
        var wrap = new ActivityWrapper(shims, services);
        return [.. WorkflowActivities.All.Select(a => a.Accept(wrap))];
    }

    /// <summary>An activity's registration, with the input and output types it was wrapped for.</summary>
    internal sealed class ActivityCreator<TInput, TOutput>(string name, Func<TaskActivity> create) : NamedObjectCreator<TaskActivity>(name, create)
    {
        public Type InputType { get; } = typeof(TInput);

        public Type OutputType { get; } = typeof(TOutput);
    }

    sealed class ActivityWrapper(DurableTaskShimFactory shims, IServiceProvider services) : IActivityDefinitionVisitor<ObjectCreator<TaskActivity>>
    {
        public ObjectCreator<TaskActivity> Visit<TInput, TOutput>(ActivityDefinition<TInput, TOutput> activity) =>
            new ActivityCreator<TInput, TOutput>(activity.Name, () => shims.CreateActivity<TInput, TOutput>(
                activity.Name,
                async (context, input) => await ServiceOrdersMetrics.ActivityAsync(
                    activity.Name, () => activity.Resolve(services).RunAsync(input!, CancellationToken.None))));
    }
}
