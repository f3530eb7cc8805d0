using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// Every activity of the service order workflow, declared once: the orchestrator calls them through these, the
/// standalone host registers them from <see cref="All"/>, and the Functions app names its activity functions after
/// these fields (<c>nameof(WorkflowActivities.LoadServicePoint)</c>). The names are recorded in the history of every
/// order, so they never change.
/// </summary>
public static class WorkflowActivities
{
    public static readonly ActivityDefinition<ServicePointId, ServicePoint?> LoadServicePoint =
        ActivityDefinition<ServicePointId, ServicePoint?>.Of<Activities.LoadServicePoint>(nameof(LoadServicePoint), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<RecordActivityReportInput, ServicePoint> RecordActivityReport =
        ActivityDefinition<RecordActivityReportInput, ServicePoint>.Of<Activities.RecordActivityReport>(nameof(RecordActivityReport), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<FieldDispatch, bool> DispatchFieldWork =
        ActivityDefinition<FieldDispatch, bool>.Of<Activities.DispatchFieldWork>(nameof(DispatchFieldWork), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<HeadEndCommand, CommandSubmission> SendHeadEndCommand =
        ActivityDefinition<HeadEndCommand, CommandSubmission>.Of<Activities.SendHeadEndCommand>(nameof(SendHeadEndCommand), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<CisReply, bool> SendCisReply =
        ActivityDefinition<CisReply, bool>.Of<Activities.SendCisReply>(nameof(SendCisReply), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<AnnounceWaitInput, bool> AnnounceWait =
        ActivityDefinition<AnnounceWaitInput, bool>.Of<Activities.AnnounceWait>(nameof(AnnounceWait), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<IReadOnlyList<SubscriberNotification>, bool> NotifySubscribers =
        ActivityDefinition<IReadOnlyList<SubscriberNotification>, bool>.Of<Activities.NotifySubscribers>(nameof(NotifySubscribers), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<ClaimServicePointInput, IReadOnlyList<OpenOrder>> ClaimServicePoint =
        ActivityDefinition<ClaimServicePointInput, IReadOnlyList<OpenOrder>>.Of<Activities.ClaimServicePoint>(nameof(ClaimServicePoint), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<ReleaseServicePointInput, bool> ReleaseServicePoint =
        ActivityDefinition<ReleaseServicePointInput, bool>.Of<Activities.ReleaseServicePoint>(nameof(ReleaseServicePoint), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<OrderException, bool> OpenException =
        ActivityDefinition<OrderException, bool>.Of<Activities.OpenException>(nameof(OpenException), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<OrderId, bool> CloseException =
        ActivityDefinition<OrderId, bool>.Of<Activities.CloseException>(nameof(CloseException), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<ReserveCommandSlotInput, DateTimeOffset> ReserveCommandSlot =
        ActivityDefinition<ReserveCommandSlotInput, DateTimeOffset>.Of<Activities.ReserveCommandSlot>(nameof(ReserveCommandSlot), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<GetWeatherForecastInput, WeatherForecast?> GetWeatherForecast =
        ActivityDefinition<GetWeatherForecastInput, WeatherForecast?>.Of<Activities.GetWeatherForecast>(nameof(GetWeatherForecast), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<FieldCancellation, bool> CancelFieldWork =
        ActivityDefinition<FieldCancellation, bool>.Of<Activities.CancelFieldWork>(nameof(CancelFieldWork), ActivityRetryPolicy.Doubling);

    public static readonly ActivityDefinition<OrderIndexEntry, bool> IndexOrder =
        ActivityDefinition<OrderIndexEntry, bool>.Of<Activities.IndexOrder>(nameof(IndexOrder), ActivityRetryPolicy.Doubling);

    /// <summary>Revision 1 on: the end of an order in one activity.</summary>
    public static readonly ActivityDefinition<CloseOrderInput, bool> CloseOrder =
        ActivityDefinition<CloseOrderInput, bool>.Of<Activities.CloseOrder>(nameof(CloseOrder), ActivityRetryPolicy.Doubling);

    /// <summary>Revision 3 on: load, preconditions, claim, acknowledgement and the open list entry in one activity.</summary>
    public static readonly ActivityDefinition<AdmitOrderInput, AdmitOrderResult> AdmitOrder =
        ActivityDefinition<AdmitOrderInput, AdmitOrderResult>.Of<Activities.AdmitOrder>(nameof(AdmitOrder), ActivityRetryPolicy.Doubling);

    /// <summary>Revision 3 on: settle the earlier steps, send a command, put its deadline on the board.</summary>
    public static readonly ActivityDefinition<HeadEndCommandStep, CommandSubmission> SendHeadEndCommandStep =
        ActivityDefinition<HeadEndCommandStep, CommandSubmission>.Of<Activities.SendHeadEndCommandStep>(nameof(SendHeadEndCommandStep), ActivityRetryPolicy.Doubling);

    /// <summary>Revision 3 on: settle the earlier steps, dispatch field work, put its deadline on the board.</summary>
    public static readonly ActivityDefinition<FieldDispatchStep, bool> DispatchFieldWorkStep =
        ActivityDefinition<FieldDispatchStep, bool>.Of<Activities.DispatchFieldWorkStep>(nameof(DispatchFieldWorkStep), ActivityRetryPolicy.Doubling);

    /// <summary>Revision 3 on: settle the earlier steps alone, when another activity comes before the next command, dispatch or end.</summary>
    public static readonly ActivityDefinition<StepSettlement, bool> SettleSteps =
        ActivityDefinition<StepSettlement, bool>.Of<Activities.SettleSteps>(nameof(SettleSteps), ActivityRetryPolicy.Doubling);

    /// <summary>All the declarations above, in the order the hosts register them.</summary>
    public static IReadOnlyList<IActivityDefinition> All { get; } =
    [
        LoadServicePoint, RecordActivityReport, DispatchFieldWork, SendHeadEndCommand, SendCisReply, NotifySubscribers, AnnounceWait,
        ClaimServicePoint, ReleaseServicePoint, OpenException, CloseException, ReserveCommandSlot, GetWeatherForecast,
        CancelFieldWork, IndexOrder, CloseOrder, AdmitOrder, SendHeadEndCommandStep, DispatchFieldWorkStep, SettleSteps,
    ];
}
