using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Functions.Activities;

// The workflow's activities as activity functions: one class each, with only its own activity to resolve, named after
// its declaration in WorkflowActivities (the name the orchestrator schedules), its run time measured as in the standalone host. The input and output types are the
// declaration's; a test compares them with the declarations and the standalone host's catalog.

/// <summary>The activity function of <see cref="WorkflowActivities.LoadServicePoint"/>.</summary>
public sealed class LoadServicePointFunction(LoadServicePoint activity)
{
    [Function(nameof(WorkflowActivities.LoadServicePoint))]
    public Task<ServicePoint?> RunAsync([ActivityTrigger] ServicePointId servicePointId, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.LoadServicePoint), () => activity.RunAsync(servicePointId, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.RecordActivityReport"/>.</summary>
public sealed class RecordActivityReportFunction(RecordActivityReport activity)
{
    [Function(nameof(WorkflowActivities.RecordActivityReport))]
    public Task<ServicePoint> RunAsync([ActivityTrigger] RecordActivityReportInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.RecordActivityReport), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.DispatchFieldWork"/>.</summary>
public sealed class DispatchFieldWorkFunction(DispatchFieldWork activity)
{
    [Function(nameof(WorkflowActivities.DispatchFieldWork))]
    public Task<bool> RunAsync([ActivityTrigger] FieldDispatch dispatch, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.DispatchFieldWork), () => activity.RunAsync(dispatch, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.SendHeadEndCommand"/>.</summary>
public sealed class SendHeadEndCommandFunction(SendHeadEndCommand activity)
{
    [Function(nameof(WorkflowActivities.SendHeadEndCommand))]
    public Task<CommandSubmission> RunAsync([ActivityTrigger] HeadEndCommand command, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.SendHeadEndCommand), () => activity.RunAsync(command, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.SendCisReply"/>.</summary>
public sealed class SendCisReplyFunction(SendCisReply activity)
{
    [Function(nameof(WorkflowActivities.SendCisReply))]
    public Task<bool> RunAsync([ActivityTrigger] CisReply reply, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.SendCisReply), () => activity.RunAsync(reply, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.NotifySubscribers"/>.</summary>
public sealed class NotifySubscribersFunction(NotifySubscribers activity)
{
    [Function(nameof(WorkflowActivities.NotifySubscribers))]
    public Task<bool> RunAsync([ActivityTrigger] IReadOnlyList<SubscriberNotification> notifications, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.NotifySubscribers), () => activity.RunAsync(notifications, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.AnnounceWait"/>.</summary>
public sealed class AnnounceWaitFunction(AnnounceWait activity)
{
    [Function(nameof(WorkflowActivities.AnnounceWait))]
    public Task<bool> RunAsync([ActivityTrigger] AnnounceWaitInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.AnnounceWait), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.ClaimServicePoint"/>.</summary>
public sealed class ClaimServicePointFunction(ClaimServicePoint activity)
{
    [Function(nameof(WorkflowActivities.ClaimServicePoint))]
    public Task<IReadOnlyList<OpenOrder>> RunAsync([ActivityTrigger] ClaimServicePointInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.ClaimServicePoint), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.ReleaseServicePoint"/>.</summary>
public sealed class ReleaseServicePointFunction(ReleaseServicePoint activity)
{
    [Function(nameof(WorkflowActivities.ReleaseServicePoint))]
    public Task<bool> RunAsync([ActivityTrigger] ReleaseServicePointInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.ReleaseServicePoint), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.OpenException"/>.</summary>
public sealed class OpenExceptionFunction(OpenException activity)
{
    [Function(nameof(WorkflowActivities.OpenException))]
    public Task<bool> RunAsync([ActivityTrigger] OrderException exception, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.OpenException), () => activity.RunAsync(exception, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.CloseException"/>.</summary>
public sealed class CloseExceptionFunction(CloseException activity)
{
    [Function(nameof(WorkflowActivities.CloseException))]
    public Task<bool> RunAsync([ActivityTrigger] OrderId orderId, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.CloseException), () => activity.RunAsync(orderId, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.ReserveCommandSlot"/>.</summary>
public sealed class ReserveCommandSlotFunction(ReserveCommandSlot activity)
{
    [Function(nameof(WorkflowActivities.ReserveCommandSlot))]
    public Task<DateTimeOffset> RunAsync([ActivityTrigger] ReserveCommandSlotInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.ReserveCommandSlot), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.GetWeatherForecast"/>.</summary>
public sealed class GetWeatherForecastFunction(GetWeatherForecast activity)
{
    [Function(nameof(WorkflowActivities.GetWeatherForecast))]
    public Task<WeatherForecast?> RunAsync([ActivityTrigger] GetWeatherForecastInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.GetWeatherForecast), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.CancelFieldWork"/>.</summary>
public sealed class CancelFieldWorkFunction(CancelFieldWork activity)
{
    [Function(nameof(WorkflowActivities.CancelFieldWork))]
    public Task<bool> RunAsync([ActivityTrigger] FieldCancellation cancellation, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.CancelFieldWork), () => activity.RunAsync(cancellation, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.IndexOrder"/>.</summary>
public sealed class IndexOrderFunction(IndexOrder activity)
{
    [Function(nameof(WorkflowActivities.IndexOrder))]
    public Task<bool> RunAsync([ActivityTrigger] OrderIndexEntry entry, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.IndexOrder), () => activity.RunAsync(entry, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.CloseOrder"/>.</summary>
public sealed class CloseOrderFunction(CloseOrder activity)
{
    [Function(nameof(WorkflowActivities.CloseOrder))]
    public Task<bool> RunAsync([ActivityTrigger] CloseOrderInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.CloseOrder), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.AdmitOrder"/>.</summary>
public sealed class AdmitOrderFunction(AdmitOrder activity)
{
    [Function(nameof(WorkflowActivities.AdmitOrder))]
    public Task<AdmitOrderResult> RunAsync([ActivityTrigger] AdmitOrderInput input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.AdmitOrder), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.SendHeadEndCommandStep"/>.</summary>
public sealed class SendHeadEndCommandStepFunction(SendHeadEndCommandStep activity)
{
    [Function(nameof(WorkflowActivities.SendHeadEndCommandStep))]
    public Task<CommandSubmission> RunAsync([ActivityTrigger] HeadEndCommandStep input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.SendHeadEndCommandStep), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.DispatchFieldWorkStep"/>.</summary>
public sealed class DispatchFieldWorkStepFunction(DispatchFieldWorkStep activity)
{
    [Function(nameof(WorkflowActivities.DispatchFieldWorkStep))]
    public Task<bool> RunAsync([ActivityTrigger] FieldDispatchStep input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.DispatchFieldWorkStep), () => activity.RunAsync(input, context.CancellationToken));
}

/// <summary>The activity function of <see cref="WorkflowActivities.SettleSteps"/>.</summary>
public sealed class SettleStepsFunction(SettleSteps activity)
{
    [Function(nameof(WorkflowActivities.SettleSteps))]
    public Task<bool> RunAsync([ActivityTrigger] StepSettlement input, FunctionContext context) =>
        ServiceOrdersMetrics.ActivityAsync(nameof(WorkflowActivities.SettleSteps), () => activity.RunAsync(input, context.CancellationToken));
}
