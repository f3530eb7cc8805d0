using System.Net;
using System.Net.Http.Json;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// The metrics an operations team alerts on, read through an OpenTelemetry in-memory exporter while orders go through the
/// standalone host: started and ended orders by request type and outcome, their duration, and refused requests by
/// reason. No tag carries an order or service point id.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class OrderMetricsTests(StandaloneHostFixture host)
{
    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task AnOrderThatCompletes_AndARequestRefused_AreCounted_WithoutIds()
    {
        var exported = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(ServiceOrdersMetrics.MeterName).AddInMemoryExporter(exported).Build();
        var servicePointId = await host.RegisterSmartMeterAsync(Commodity.Gas);
        var requestId = NewId("REQ");
        var stuck = NewId("REQ");
        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(stuck, RequestType.CutForNonPayment, servicePointId, Commodity.Gas,
            Account: new AccountFlags(LifeSupport: true)), ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await host.WaitForReplyAsync(stuck, CisReplyKind.Exception);
        (await host.Http.PostAsJsonAsync($"api/orders/{stuck}/cancel", new { reason = "Test over", requestedBy = "CIS" })).EnsureSuccessStatusCode();
        await host.WaitForReplyAsync(stuck, CisReplyKind.Cancelled);

        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(requestId, RequestType.DeviceStatusCheck, servicePointId, Commodity.Gas),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        var refused = await host.Http.PostAsJsonAsync("api/orders", new { requestId = "bad id", requestType = "ReadMeter", servicePointId, commodity = "Gas" });
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        meters.ForceFlush();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(Sum(exported, "serviceorders.orders.started", (ServiceOrdersMetrics.RequestTypeTag, "DeviceStatusCheck")) >= 1);
        Assert.True(Sum(exported, "serviceorders.orders.ended", (ServiceOrdersMetrics.RequestTypeTag, "DeviceStatusCheck"), (ServiceOrdersMetrics.OutcomeTag, "Completed")) >= 1);
        Assert.True(Sum(exported, "serviceorders.exceptions.opened", (ServiceOrdersMetrics.RequestTypeTag, "CutForNonPayment"), (ServiceOrdersMetrics.ReasonTag, DisconnectReasons.LifeSupport)) >= 1);
        Assert.True(Sum(exported, "serviceorders.intake.rejected", (ServiceOrdersMetrics.ChannelTag, "http"), (ServiceOrdersMetrics.ReasonTag, ReasonCodes.InvalidId)) >= 1);
        var duration = Assert.Single(exported, m => m.Name == "serviceorders.order.duration");
        Assert.Equal("s", duration.Unit);
        var tagValues = exported.SelectMany(Points).SelectMany(p => Tags(p).Select(t => t.Value)).ToList();
        Assert.DoesNotContain(tagValues, v => v.Contains(requestId, StringComparison.Ordinal) || v.Contains(servicePointId, StringComparison.Ordinal));
    }

    static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            yield return point;
        }
    }

    static List<(string Key, string Value)> Tags(MetricPoint point)
    {
        var tags = new List<(string, string)>();
        foreach (var tag in point.Tags)
        {
            tags.Add((tag.Key, tag.Value?.ToString() ?? ""));
        }

        return tags;
    }

    static long Sum(IEnumerable<Metric> metrics, string name, params (string Key, string Value)[] tags) =>
        metrics.Where(m => m.Name == name).SelectMany(Points)
            .Where(p => tags.All(t => Tags(p).Contains(t)))
            .Sum(p => p.GetSumLong());
}
