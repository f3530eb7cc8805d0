using System.Diagnostics;
using System.Net.Http.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// The spans an operator follows an order by, read through an OpenTelemetry in-memory exporter while an order goes
/// through the standalone host: its intake, and one short span per durable activity, each with the order id.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class OrderTracingTests(StandaloneHostFixture host)
{
    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task AnOrder_HasAnIntakeSpan_AndASpanPerActivity_EachWithItsOrderId()
    {
        var exported = new List<Activity>();
        // Every span sampled, whatever the HTTP server's own span decided (the host exports that one as well).
        using var tracing = Sdk.CreateTracerProviderBuilder().SetSampler(new AlwaysOnSampler())
            .AddSource(ServiceOrdersTracing.SourceName).AddInMemoryExporter(exported).Build();
        var servicePointId = await host.RegisterSmartMeterAsync(Commodity.Electric);
        var requestId = NewId("REQ");

        (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(requestId, RequestType.DeviceStatusCheck, servicePointId, Commodity.Electric),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        var spans = await Eventually.GetAsync(() =>
        {
            tracing.ForceFlush();
            List<Activity> mine;
            lock (exported)
            {
                mine = [.. exported.Where(a => (string?)a.GetTagItem(ServiceOrdersTracing.OrderIdAttribute) == requestId)];
            }

            return Task.FromResult(mine.Any(s => s.DisplayName == "activity CloseOrder") ? mine : null);
        }, $"the spans of {requestId}");

        var intake = Assert.Single(spans, s => s.DisplayName == "intake DeviceStatusCheck");
        Assert.Equal(("http", "DeviceStatusCheck"), ((string?)intake.GetTagItem(ServiceOrdersTracing.ChannelAttribute), (string?)intake.GetTagItem(ServiceOrdersMetrics.RequestTypeTag)));
        Assert.Contains(spans, s => s.DisplayName == "activity LoadServicePoint");
        Assert.Contains(spans, s => s.DisplayName == "activity SendHeadEndCommand" && (string?)s.GetTagItem(ServiceOrdersTracing.ActivityAttribute) == "SendHeadEndCommand");
        Assert.All(spans, s => Assert.True(s.Duration < TimeSpan.FromMinutes(1), $"{s.DisplayName} lasted {s.Duration}"));
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), t => t.Value is string v && v.Contains(servicePointId, StringComparison.Ordinal));
    }
}
