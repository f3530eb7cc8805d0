using DurableTask.Core;
using Microsoft.DurableTask.Worker.Shims;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Host.Engine;

/// <summary>The orchestrator and activities of the workflow, wrapped for the Durable Task Framework under the same names as in the Functions app.</summary>
internal static class ActivityCatalog
{
    public static IReadOnlyList<string> OrchestrationNames { get; } = [WorkflowNames.ServiceOrder];

    public static IReadOnlyList<string> ActivityNames { get; } =
    [
        nameof(LoadServicePoint), nameof(RecordActivityReport), nameof(DispatchFieldWork),
        nameof(SendHeadEndCommand), nameof(SendCisReply), nameof(NotifySubscribers),
        nameof(ClaimServicePoint), nameof(ReleaseServicePoint), nameof(OpenException), nameof(CloseException),
        nameof(ReserveCommandSlot), nameof(GetWeatherForecast), nameof(CancelFieldWork), nameof(IndexOrder),
        nameof(CloseOrder),
    ];

    public static ObjectCreator<TaskOrchestration>[] Orchestrations(DurableTaskShimFactory shims) =>
    [
        new Creator<TaskOrchestration>(WorkflowNames.ServiceOrder, () => shims.CreateOrchestration(WorkflowNames.ServiceOrder, new ServiceOrderOrchestrator())),
    ];

    public static ObjectCreator<TaskActivity>[] Activities(DurableTaskShimFactory shims, IServiceProvider services) =>
    [
        Activity<LoadServicePoint, string, Contracts.ServicePoints.ServicePoint?>(shims, services),
        Activity<RecordActivityReport, RecordActivityReportInput, Contracts.ServicePoints.ServicePoint>(shims, services),
        Activity<DispatchFieldWork, Contracts.Activities.FieldDispatch, bool>(shims, services),
        Activity<SendHeadEndCommand, Contracts.Activities.HeadEndCommand, CommandSubmission>(shims, services),
        Activity<SendCisReply, Contracts.Orders.CisReply, bool>(shims, services),
        Activity<NotifySubscribers, IReadOnlyList<Contracts.Orders.SubscriberNotification>, bool>(shims, services),
        Activity<ClaimServicePoint, ClaimServicePointInput, IReadOnlyList<Workflow.Ports.OpenOrder>>(shims, services),
        Activity<ReleaseServicePoint, ReleaseServicePointInput, bool>(shims, services),
        Activity<OpenException, Contracts.Orders.OrderException, bool>(shims, services),
        Activity<CloseException, string, bool>(shims, services),
        Activity<ReserveCommandSlot, ReserveCommandSlotInput, DateTimeOffset>(shims, services),
        Activity<GetWeatherForecast, GetWeatherForecastInput, Domain.Rules.WeatherForecast?>(shims, services),
        Activity<CancelFieldWork, Contracts.Activities.FieldCancellation, bool>(shims, services),
        Activity<IndexOrder, Contracts.Orders.OrderIndexEntry, bool>(shims, services),
        Activity<CloseOrder, CloseOrderInput, bool>(shims, services),
    ];

    static Creator<TaskActivity> Activity<TActivity, TInput, TOutput>(DurableTaskShimFactory shims, IServiceProvider services)
        where TActivity : IServiceOrderActivity<TInput, TOutput>
    {
        var name = typeof(TActivity).Name;
        return new Creator<TaskActivity>(name, () => shims.CreateActivity<TInput, TOutput>(
            name,
            async (context, input) =>
            {
                var activity = (IServiceOrderActivity<TInput, TOutput>)services.GetService(typeof(TActivity))!;
                return await activity.RunAsync(input!, CancellationToken.None);
            }));
    }

    sealed class Creator<T> : ObjectCreator<T>
    {
        readonly Func<T> create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            this.create = create;
        }

        public override T Create() => create();
    }
}
