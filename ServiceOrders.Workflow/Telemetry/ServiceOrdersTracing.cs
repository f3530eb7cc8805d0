using System.Diagnostics;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Telemetry;

/// <summary>
/// The product's one <see cref="ActivitySource"/>, <c>ServiceOrders</c>: a span for each request taken in and for each
/// durable activity an order runs. Spans carry the order id, and the request type where it is known, never personal
/// data. The durable engine keeps an order's long waits out of any span: each step is a short span of its own.
/// </summary>
public static class ServiceOrdersTracing
{
    /// <summary>The source's name, to subscribe to (<c>AddSource</c>).</summary>
    public const string SourceName = "ServiceOrders";

    /// <summary>The order's id.</summary>
    public const string OrderIdAttribute = "serviceorders.order_id";

    /// <summary>The durable activity's name.</summary>
    public const string ActivityAttribute = "serviceorders.activity";

    /// <summary>How the request came: <c>http</c> or <c>queue</c>.</summary>
    public const string ChannelAttribute = "serviceorders.channel";

    static readonly ActivitySource Source = new(SourceName, typeof(ServiceOrdersTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Runs one durable activity of an order inside a span named <c>activity {name}</c>; a failure marks the span.</summary>
    public static async Task<T> ActivityAsync<T>(string name, string orderId, Func<Task<T>> run)
    {
        using var span = Source.StartActivity($"activity {name}");
        span?.SetTag(OrderIdAttribute, orderId);
        span?.SetTag(ActivityAttribute, name);
        try
        {
            return await run();
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    /// <summary>A span for a request taken in, named <c>intake {requestType}</c>; null when nobody listens.</summary>
    public static Activity? Intake(string channel, string orderId, RequestType requestType)
    {
        var span = Source.StartActivity($"intake {requestType}", ActivityKind.Server);
        span?.SetTag(ChannelAttribute, channel);
        span?.SetTag(OrderIdAttribute, orderId);
        span?.SetTag(ServiceOrdersMetrics.RequestTypeTag, requestType.ToString());
        return span;
    }
}
