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

    /// <summary>An order was started.</summary>
    public static void OrderStarted(RequestType requestType) =>
        Started.Add(1, new KeyValuePair<string, object?>(RequestTypeTag, requestType.ToString()));

    /// <summary>An order's end was recorded in the order list; counts only the final statuses.</summary>
    public static void OrderIndexed(OrderIndexEntry entry)
    {
        if (entry.Status is OrderStatus.Open or OrderStatus.Exception)
        {
            return;
        }

        KeyValuePair<string, object?>[] tags =
        [
            new(RequestTypeTag, entry.RequestType.ToString()),
            new(OutcomeTag, entry.Status.ToString()),
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
}
