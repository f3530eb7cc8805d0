using System.Diagnostics;
using OpenTelemetry;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Host.Telemetry;

/// <summary>
/// Shapes the durable engine's spans (source <c>DurableTask.Core</c>) before export. It drops the two kinds that last as
/// long as a wait: the orchestration span (its identity is the intake span's, see <see cref="OrderTraceContext"/>) and
/// the timer span (from a timer set to it firing: a deferral of days). Every other span of an order gets the order id
/// and the request type under the product's attribute names, from the engine's instance id and the order's
/// <c>tracestate</c>. Add it before the exporters.
/// </summary>
public sealed class DurableSpanShaper : BaseProcessor<Activity>
{
    /// <summary>The durable engine's source.</summary>
    public const string EngineSource = "DurableTask.Core";

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Source.Name == EngineSource)
        {
            if (data.GetTagItem("durabletask.type") is "orchestration" or "timer")
            {
                data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                return;
            }

            if (data.GetTagItem(ServiceOrdersTracing.OrderIdAttribute) is null && data.GetTagItem("durabletask.task.instance_id") is string orderId)
            {
                data.SetTag(ServiceOrdersTracing.OrderIdAttribute, orderId);
            }
        }

        if (data.GetTagItem(ServiceOrdersMetrics.RequestTypeTag) is null && ServiceOrdersTracing.RequestTypeOf(data.TraceStateString) is { } requestType)
        {
            data.SetTag(ServiceOrdersMetrics.RequestTypeTag, requestType);
        }
    }
}
