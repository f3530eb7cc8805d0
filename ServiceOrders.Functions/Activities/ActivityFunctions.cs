using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Activities;

namespace ServiceOrders.Functions.Activities;

/// <summary>The workflow's activities as activity functions, under the names the orchestrator calls them by.</summary>
public sealed class ActivityFunctions(
    LoadServicePoint loadServicePoint,
    RecordActivityReport recordActivityReport,
    DispatchFieldWork dispatchFieldWork,
    SendHeadEndCommand sendHeadEndCommand,
    SendCisReply sendCisReply,
    NotifySubscribers notifySubscribers)
{
    [Function(nameof(LoadServicePoint))]
    public Task<ServicePoint?> LoadServicePointAsync([ActivityTrigger] string servicePointId, FunctionContext context) =>
        loadServicePoint.RunAsync(servicePointId, context.CancellationToken);

    [Function(nameof(RecordActivityReport))]
    public Task<ServicePoint> RecordActivityReportAsync([ActivityTrigger] RecordActivityReportInput input, FunctionContext context) =>
        recordActivityReport.RunAsync(input, context.CancellationToken);

    [Function(nameof(DispatchFieldWork))]
    public Task<bool> DispatchFieldWorkAsync([ActivityTrigger] FieldDispatch dispatch, FunctionContext context) =>
        dispatchFieldWork.RunAsync(dispatch, context.CancellationToken);

    [Function(nameof(SendHeadEndCommand))]
    public Task<bool> SendHeadEndCommandAsync([ActivityTrigger] HeadEndCommand command, FunctionContext context) =>
        sendHeadEndCommand.RunAsync(command, context.CancellationToken);

    [Function(nameof(SendCisReply))]
    public Task<bool> SendCisReplyAsync([ActivityTrigger] CisReply reply, FunctionContext context) =>
        sendCisReply.RunAsync(reply, context.CancellationToken);

    [Function(nameof(NotifySubscribers))]
    public Task<bool> NotifySubscribersAsync([ActivityTrigger] IReadOnlyList<SubscriberNotification> notifications, FunctionContext context) =>
        notifySubscribers.RunAsync(notifications, context.CancellationToken);
}
