using System.Diagnostics;
using DurableTask.Core.Tracing;

namespace ServiceOrders.Host.Telemetry;

/// <summary>
/// How an order's trace enters the durable engine of the standalone host. The engine (the Durable Task Framework) makes
/// a span for the orchestration and parents every step's span on it; left alone, that span would last from the order's
/// start to its end, days for an order that waits for a crew. Instead the orchestration takes the identity of the
/// order's intake span: the steps' spans become the intake span's children, the engine's own orchestration span is
/// not exported (<see cref="DurableSpanShaper"/>), and a long wait is a gap between short spans in one trace.
/// </summary>
public static class OrderTraceContext
{
    /// <summary>The trace context a new order's orchestration starts with: the intake span's own; null without one.</summary>
    public static DistributedTraceContext? ForStart(Activity? intake) =>
        intake is { IdFormat: ActivityIdFormat.W3C, Id: { } id }
            ? new DistributedTraceContext(id, intake.TraceStateString)
            {
                Id = id,
                SpanId = intake.SpanId.ToHexString(),
                ActivityStartTime = intake.StartTimeUtc,
            }
            : null;

    /// <summary>The trace context of a message raised to an order (the answer span it came in under); null without one.</summary>
    public static DistributedTraceContext? Of(Activity? current) =>
        current is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? new DistributedTraceContext(id, current.TraceStateString) : null;
}
