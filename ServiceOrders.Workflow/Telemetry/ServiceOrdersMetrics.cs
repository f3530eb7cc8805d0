using System.Diagnostics;
using System.Diagnostics.Metrics;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Telemetry;

/// <summary>
/// The product's one <see cref="Meter"/>, <c>ServiceOrders</c>, and the instruments an operations team alerts on. Names
/// follow the OpenTelemetry conventions (dot-separated, lower case, units in UCUM); tags carry the request type, the
/// outcome or a reason code, never an order id, a service point or anything about a customer. Counts come from
/// activities and handlers, which run at least once: a retried step may count twice, never zero times.
/// </summary>
public static class ServiceOrdersMetrics
{
    /// <summary>The meter's name, to subscribe to (<c>AddMeter</c>).</summary>
    public const string MeterName = "ServiceOrders";

    /// <summary>The request type tag.</summary>
    public const string RequestTypeTag = "serviceorders.request_type";

    /// <summary>How an order ended: Completed, Rejected, Failed, Cancelled.</summary>
    public const string OutcomeTag = "serviceorders.outcome";

    /// <summary>Why a request was refused at intake (a poison reason or an HTTP reason code).</summary>
    public const string ReasonTag = "serviceorders.reason";

    /// <summary>Where a refused request came from: <c>http</c> or <c>queue</c>.</summary>
    public const string ChannelTag = "serviceorders.channel";

    /// <summary>The class of the order's meter at its end (<c>Smart</c>, <c>Manual</c>), or <c>None</c>.</summary>
    public const string MeterClassTag = "serviceorders.meter_class";

    /// <summary>A durable activity's name.</summary>
    public const string ActivityTag = "serviceorders.activity";

    /// <summary>A crew activity's or head-end command's kind (<c>RemoteDisconnect</c>, <c>FieldRead</c>, ...).</summary>
    public const string KindTag = "serviceorders.kind";

    /// <summary>How a crew activity or command ended: <c>Succeeded</c>, <c>NotDone</c>, <c>Failed</c>, <c>Rejected</c>, <c>TimedOut</c>.</summary>
    public const string ResultTag = "serviceorders.result";

    /// <summary>The head-end system a command went to (its configured id).</summary>
    public const string HeadEndTag = "serviceorders.head_end";

    /// <summary>The rule that deferred an order (its reason code).</summary>
    public const string RuleTag = "serviceorders.rule";

    /// <summary>Where an open order stands: <c>Open</c> or <c>Exception</c>.</summary>
    public const string StatusTag = "serviceorders.status";

    /// <summary>The admission priority a request waited under (<c>Restore</c>, <c>Start</c>, <c>Routine</c>, <c>Cut</c>).</summary>
    public const string PriorityTag = "serviceorders.priority";

    /// <summary>The OpenTelemetry attribute for the class of a failure.</summary>
    public const string ErrorTypeTag = "error.type";

    static readonly Meter Meter = new(MeterName, typeof(ServiceOrdersMetrics).Assembly.GetName().Version?.ToString());

    static readonly Counter<long> Started = Meter.CreateCounter<long>(
        "serviceorders.orders.started", "{order}", "Orders started, by request type.");

    static readonly Counter<long> Ended = Meter.CreateCounter<long>(
        "serviceorders.orders.ended", "{order}", "Orders ended, by request type and outcome.");

    static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "serviceorders.order.duration", "s", "From intake to the final reply, by request type and outcome.");

    static readonly Counter<long> Exceptions = Meter.CreateCounter<long>(
        "serviceorders.exceptions.opened", "{order}", "Orders that went to a person, by request type and reason code.");

    static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "serviceorders.intake.rejected", "{request}", "Requests refused before an order started, by channel and reason.");

    static readonly Histogram<double> ActivityDuration = Meter.CreateHistogram<double>(
        "serviceorders.activity.duration", "s", "Durable activities' run time, by activity; failed runs carry error.type.");

    static readonly Histogram<double> CommandDuration = Meter.CreateHistogram<double>(
        "serviceorders.headend.command.duration", "s", "From a head-end command sent to its final answer (or deadline), by head-end, kind and result.");

    static readonly Histogram<double> FieldDuration = Meter.CreateHistogram<double>(
        "serviceorders.field.activity.duration", "s", "From a crew dispatch to its completion (or deadline), by kind and result.");

    static readonly Counter<long> Deferrals = Meter.CreateCounter<long>(
        "serviceorders.deferrals", "{deferral}", "Orders held back by a rule (a disconnect window, a holiday, the weather), by rule.");

    static readonly Histogram<double> ExceptionDuration = Meter.CreateHistogram<double>(
        "serviceorders.exception.duration", "s", "Time orders spent waiting for a person, by request type and reason code.");

    static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "serviceorders.webhook.deliveries", "{delivery}", "Webhook delivery tries, by result (Delivered, WillRetry, Failed, SubscriptionDisabled) and try number.");

    static Backlog? backlog;

    static readonly Counter<long> DeadlinesSwept = Meter.CreateCounter<long>(
        "serviceorders.deadlines.swept", "{deadline}", "Deadlines of waits for head-ends and crews that passed, by whether the order was told (raised) or had ended (ended).");

    static readonly Histogram<double> DeadlineLateness = Meter.CreateHistogram<double>(
        "serviceorders.deadlines.lateness", "s", "From a deadline passing to the sweep telling its order.");

    static readonly ObservableGauge<long> OpenOrders = Meter.CreateObservableGauge(
        "serviceorders.orders.open", ObserveOpenOrders, "{order}", "Orders not ended, by status (Open, Exception), as last counted.");

    static readonly ObservableGauge<long> Waiting = Meter.CreateObservableGauge(
        "serviceorders.intake.waiting", ObserveWaiting, "{request}", "Requests on the intake queue not yet taken in, as last counted.");

    static Admission? admission;

    static readonly ObservableGauge<long> AdmissionWaiting = Meter.CreateObservableGauge(
        "serviceorders.admission.waiting", ObserveAdmissionWaiting, "{order}", "Requests waiting for admission in the pending store, by priority, as last counted.");

    static readonly ObservableGauge<long> AdmissionInProgress = Meter.CreateObservableGauge(
        "serviceorders.admission.in_progress", ObserveAdmissionInProgress, "{order}", "Orders in progress (holding an admission ticket), as last counted.");

    static readonly Histogram<double> AdmissionWait = Meter.CreateHistogram<double>(
        "serviceorders.admission.wait.duration", "s", "From intake to the order's start by admission control, by priority and request type.");

    /// <summary>The last count of admission: orders in progress, and requests waiting by priority (every priority, zeros included).</summary>
    public sealed record Admission(long InProgress, IReadOnlyList<KeyValuePair<string, long>> WaitingByPriority);

    /// <summary>Publishes the last count of admission, which the gauges report when a reader collects.</summary>
    public static void ReportAdmission(Admission latest) => admission = latest;

    static IEnumerable<Measurement<long>> ObserveAdmissionWaiting() => admission is { } a
        ? [.. a.WaitingByPriority.Select(w => new Measurement<long>(w.Value, new KeyValuePair<string, object?>(PriorityTag, w.Key)))]
        : [];

    static IEnumerable<Measurement<long>> ObserveAdmissionInProgress() => admission is { } a ? [new(a.InProgress)] : [];

    /// <summary>A request that waited for admission was started after <paramref name="waited"/>.</summary>
    public static void Admitted(string priority, RequestType requestType, TimeSpan waited) =>
        AdmissionWait.Record(
            Math.Max(0, waited.TotalSeconds),
            new KeyValuePair<string, object?>(PriorityTag, priority),
            new KeyValuePair<string, object?>(RequestTypeTag, requestType.ToString()));

    /// <summary>The last count of open orders and of requests waiting at the intake; null values were not counted.</summary>
    public sealed record Backlog(long Open, long InException, long? WaitingAtIntake);

    /// <summary>Publishes the last count of the backlog, which the gauges report when a reader collects.</summary>
    public static void ReportBacklog(Backlog latest) => backlog = latest;

    static IEnumerable<Measurement<long>> ObserveOpenOrders() => backlog is { } b
        ?
        [
            new(b.Open, new KeyValuePair<string, object?>(StatusTag, nameof(OrderStatus.Open))),
            new(b.InException, new KeyValuePair<string, object?>(StatusTag, nameof(OrderStatus.Exception))),
        ]
        : [];

    static IEnumerable<Measurement<long>> ObserveWaiting() => backlog is { WaitingAtIntake: { } waiting } ? [new(waiting)] : [];

    /// <summary>An order was started.</summary>
    public static void OrderStarted(RequestType requestType) =>
        Started.Add(1, new KeyValuePair<string, object?>(RequestTypeTag, requestType.ToString()));

    /// <summary>
    /// An order's end was recorded in the order list; counts only the final statuses. <paramref name="meterClass"/> is
    /// the class of the meter the order left, <c>None</c> without one, <c>Unknown</c> where the caller cannot tell.
    /// </summary>
    public static void OrderIndexed(OrderIndexEntry entry, string meterClass = "Unknown")
    {
        if (entry.Status is OrderStatus.Open or OrderStatus.Exception)
        {
            return;
        }

        KeyValuePair<string, object?>[] tags =
        [
            new(RequestTypeTag, entry.RequestType.ToString()),
            new(OutcomeTag, entry.Status.ToString()),
            new(MeterClassTag, meterClass),
        ];
        Ended.Add(1, tags);
        Duration.Record(Math.Max(0, (entry.UpdatedAt - entry.ReceivedAt).TotalSeconds), tags);
    }

    /// <summary>An order went to a person (an answer conflict counts too, with its reason code).</summary>
    public static void ExceptionOpened(OrderException exception) =>
        Exceptions.Add(1, new KeyValuePair<string, object?>(RequestTypeTag, exception.RequestType.ToString()), new KeyValuePair<string, object?>(ReasonTag, exception.ReasonCode));

    /// <summary>A request was refused at intake.</summary>
    public static void IntakeRejected(string channel, string reason) =>
        Refused.Add(1, new KeyValuePair<string, object?>(ChannelTag, channel), new KeyValuePair<string, object?>(ReasonTag, reason));

    /// <summary>Runs one durable activity, recording its run time under its name; a failure adds its exception's type.</summary>
    public static async Task<T> ActivityAsync<T>(string name, Func<Task<T>> run)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await run();
            ActivityDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(ActivityTag, name));
            return result;
        }
        catch (Exception e)
        {
            ActivityDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(ActivityTag, name),
                new KeyValuePair<string, object?>(ErrorTypeTag, e.GetType().FullName));
            throw;
        }
    }

    /// <summary>A head-end command ended: answered finally, refused, or out of time.</summary>
    public static void CommandEnded(string headEndId, string kind, string result, TimeSpan duration) =>
        CommandDuration.Record(
            Math.Max(0, duration.TotalSeconds),
            new KeyValuePair<string, object?>(HeadEndTag, headEndId),
            new KeyValuePair<string, object?>(KindTag, kind),
            new KeyValuePair<string, object?>(ResultTag, result));

    /// <summary>A crew activity ended: completed, not done, or out of time.</summary>
    public static void FieldActivityEnded(string kind, string result, TimeSpan duration) =>
        FieldDuration.Record(
            Math.Max(0, duration.TotalSeconds),
            new KeyValuePair<string, object?>(KindTag, kind),
            new KeyValuePair<string, object?>(ResultTag, result));

    /// <summary>A rule held an order back.</summary>
    public static void Deferred(RequestType requestType, string rule) =>
        Deferrals.Add(1, new KeyValuePair<string, object?>(RequestTypeTag, requestType.ToString()), new KeyValuePair<string, object?>(RuleTag, rule));

    /// <summary>An order left the exception list after <paramref name="duration"/>.</summary>
    public static void ExceptionClosed(RequestType requestType, string reasonCode, TimeSpan duration) =>
        ExceptionDuration.Record(
            Math.Max(0, duration.TotalSeconds),
            new KeyValuePair<string, object?>(RequestTypeTag, requestType.ToString()),
            new KeyValuePair<string, object?>(ReasonTag, reasonCode));

    /// <summary>One try of a webhook delivery, by its outcome (<c>Delivered</c>, <c>WillRetry</c>, <c>Failed</c>, <c>SubscriptionDisabled</c>).</summary>
    public static void WebhookTried(string result, int attempt) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>(ResultTag, result), new KeyValuePair<string, object?>("serviceorders.attempt", attempt));

    /// <summary>The deadline sweep handled a deadline <paramref name="lateness"/> after it passed: told the order, or found it ended.</summary>
    public static void DeadlineSwept(bool raised, TimeSpan lateness)
    {
        var outcome = new KeyValuePair<string, object?>(OutcomeTag, raised ? "raised" : "ended");
        DeadlinesSwept.Add(1, outcome);
        DeadlineLateness.Record(Math.Max(0, lateness.TotalSeconds), outcome);
    }
}
