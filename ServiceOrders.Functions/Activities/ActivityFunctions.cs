using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Functions.Activities;

/// <summary>The workflow's activities as activity functions, under the names the orchestrator calls them by.</summary>
public sealed class ActivityFunctions(
    LoadServicePoint loadServicePoint,
    RecordActivityReport recordActivityReport,
    DispatchFieldWork dispatchFieldWork,
    SendHeadEndCommand sendHeadEndCommand,
    SendCisReply sendCisReply,
    NotifySubscribers notifySubscribers,
    ClaimServicePoint claimServicePoint,
    ReleaseServicePoint releaseServicePoint,
    OpenException openException,
    CloseException closeException,
    ReserveCommandSlot reserveCommandSlot,
    GetWeatherForecast getWeatherForecast,
    CancelFieldWork cancelFieldWork,
    IndexOrder indexOrder,
    CloseOrder closeOrder)
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
    public Task<CommandSubmission> SendHeadEndCommandAsync([ActivityTrigger] HeadEndCommand command, FunctionContext context) =>
        sendHeadEndCommand.RunAsync(command, context.CancellationToken);

    [Function(nameof(SendCisReply))]
    public Task<bool> SendCisReplyAsync([ActivityTrigger] CisReply reply, FunctionContext context) =>
        sendCisReply.RunAsync(reply, context.CancellationToken);

    [Function(nameof(NotifySubscribers))]
    public Task<bool> NotifySubscribersAsync([ActivityTrigger] IReadOnlyList<SubscriberNotification> notifications, FunctionContext context) =>
        notifySubscribers.RunAsync(notifications, context.CancellationToken);

    [Function(nameof(ClaimServicePoint))]
    public Task<IReadOnlyList<OpenOrder>> ClaimServicePointAsync([ActivityTrigger] ClaimServicePointInput input, FunctionContext context) =>
        claimServicePoint.RunAsync(input, context.CancellationToken);

    [Function(nameof(ReleaseServicePoint))]
    public Task<bool> ReleaseServicePointAsync([ActivityTrigger] ReleaseServicePointInput input, FunctionContext context) =>
        releaseServicePoint.RunAsync(input, context.CancellationToken);

    [Function(nameof(OpenException))]
    public Task<bool> OpenExceptionAsync([ActivityTrigger] OrderException input, FunctionContext context) =>
        openException.RunAsync(input, context.CancellationToken);

    [Function(nameof(CloseException))]
    public Task<bool> CloseExceptionAsync([ActivityTrigger] string orderId, FunctionContext context) =>
        closeException.RunAsync(orderId, context.CancellationToken);

    [Function(nameof(ReserveCommandSlot))]
    public Task<DateTimeOffset> ReserveCommandSlotAsync([ActivityTrigger] ReserveCommandSlotInput input, FunctionContext context) =>
        reserveCommandSlot.RunAsync(input, context.CancellationToken);

    [Function(nameof(GetWeatherForecast))]
    public Task<WeatherForecast?> GetWeatherForecastAsync([ActivityTrigger] GetWeatherForecastInput input, FunctionContext context) =>
        getWeatherForecast.RunAsync(input, context.CancellationToken);

    [Function(nameof(IndexOrder))]
    public Task<bool> IndexOrderAsync([ActivityTrigger] OrderIndexEntry input, FunctionContext context) =>
        indexOrder.RunAsync(input, context.CancellationToken);

    [Function(nameof(CloseOrder))]
    public Task<bool> CloseOrderAsync([ActivityTrigger] CloseOrderInput input, FunctionContext context) =>
        closeOrder.RunAsync(input, context.CancellationToken);

    [Function(nameof(CancelFieldWork))]
    public Task<bool> CancelFieldWorkAsync([ActivityTrigger] FieldCancellation input, FunctionContext context) =>
        cancelFieldWork.RunAsync(input, context.CancellationToken);
}
