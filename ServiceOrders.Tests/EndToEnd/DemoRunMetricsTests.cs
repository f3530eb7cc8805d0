using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Host.Telemetry;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// The metrics of a demo-sized run add up to what the orders did: a host of its own runs a mix of orders (smart commands,
/// crew work, rejections, one that goes to a person and is cancelled) alone, so that every count of the process-wide
/// meter is theirs, and the counts by request type, meter class and outcome must equal the orders' own outcomes.
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed class DemoRunMetricsTests(StandaloneHostFixture host)
{
    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task ADemoSizedRun_MetricsAddUpToTheOrdersOutcomes()
    {
        var exported = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter([.. TelemetryServices.Meters]).AddInMemoryExporter(exported).Build();
        var orders = new List<(string Id, RequestType Type, CisReplyKind Ends)>();
        var backlog = ActivatorUtilities.CreateInstance<BacklogSampler>(host.Services);
        await backlog.SampleAsync(CancellationToken.None);
        var before = Gauges(meters, exported);

        async Task SubmitAsync(RequestType type, string servicePointId, CisReplyKind ends, Commodity commodity = Commodity.Electric, AccountFlags? account = null)
        {
            var id = NewId($"MET-{type}"[..8]);
            (await host.Http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(id, type, servicePointId, commodity, Account: account),
                ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
            orders.Add((id, type, ends));
        }

        for (var i = 0; i < 4; i++)
        {
            await SubmitAsync(RequestType.DeviceStatusCheck, await host.RegisterSmartMeterAsync(), CisReplyKind.Completed);
        }

        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(RequestType.ReconnectForPayment, await host.RegisterSmartMeterAsync(state: SwitchState.Disconnected), CisReplyKind.Completed);
        }

        for (var i = 0; i < 3; i++)
        {
            var servicePointId = NewId("SP");
            (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}", new ServicePoint(servicePointId, Commodity.Water, Meter: null),
                ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
            await SubmitAsync(RequestType.Investigate, servicePointId, CisReplyKind.Completed, Commodity.Water);
        }

        for (var i = 0; i < 2; i++)
        {
            await SubmitAsync(RequestType.DeviceStatusCheck, NewId("SP-NONE"), CisReplyKind.Rejected);
        }

        var lifeSupport = await host.RegisterSmartMeterAsync();
        await SubmitAsync(RequestType.CutForNonPayment, lifeSupport, CisReplyKind.Cancelled, account: new AccountFlags(LifeSupport: true));
        await host.WaitForReplyAsync(orders[^1].Id, CisReplyKind.Exception);
        await backlog.SampleAsync(CancellationToken.None);
        Assert.Equal(before.InException + 1, Gauges(meters, exported).InException);
        (await host.Http.PostAsJsonAsync($"api/orders/{orders[^1].Id}/cancel", new { reason = "Customer on life support", requestedBy = "CIS" })).EnsureSuccessStatusCode();

        foreach (var order in orders)
        {
            await host.WaitForReplyAsync(order.Id, order.Ends);
        }

        await backlog.SampleAsync(CancellationToken.None);
        var after = Gauges(meters, exported);
        Assert.Equal((before.Open, before.InException), (after.Open, after.InException));
        Assert.Equal(orders.Count, Sum(exported, "serviceorders.orders.started"));
        Assert.Equal(4 + 3 + 3 + 2 + 1, Sum(exported, "serviceorders.orders.ended"));
        Assert.Equal(7, Sum(exported, "serviceorders.orders.ended", (ServiceOrdersMetrics.OutcomeTag, "Completed"), (ServiceOrdersMetrics.MeterClassTag, "Smart")));
        Assert.Equal(3, Sum(exported, "serviceorders.orders.ended", (ServiceOrdersMetrics.OutcomeTag, "Completed"), (ServiceOrdersMetrics.MeterClassTag, "None"),
            (ServiceOrdersMetrics.RequestTypeTag, "Investigate")));
        Assert.Equal(2, Sum(exported, "serviceorders.orders.ended", (ServiceOrdersMetrics.OutcomeTag, "Rejected")));
        Assert.Equal(1, Sum(exported, "serviceorders.orders.ended", (ServiceOrdersMetrics.OutcomeTag, "Cancelled"), (ServiceOrdersMetrics.RequestTypeTag, "CutForNonPayment")));
        Assert.Equal(orders.Count, Count(exported, "serviceorders.order.duration"));
        Assert.Equal(1, Sum(exported, "serviceorders.exceptions.opened", (ServiceOrdersMetrics.ReasonTag, DisconnectReasons.LifeSupport)));
        Assert.Equal(1, Count(exported, "serviceorders.exception.duration", (ServiceOrdersMetrics.ReasonTag, DisconnectReasons.LifeSupport)));
        Assert.Equal(3, Count(exported, "serviceorders.field.activity.duration", (ServiceOrdersMetrics.KindTag, "Investigate"), (ServiceOrdersMetrics.ResultTag, "Succeeded")));
        Assert.True(Count(exported, "serviceorders.headend.command.duration", (ServiceOrdersMetrics.ResultTag, "Succeeded")) >= 7);
        Assert.True(Count(exported, "serviceorders.activity.duration", (ServiceOrdersMetrics.ActivityTag, "CloseOrder")) >= orders.Count);
        Assert.Equal(0, Count(exported, "serviceorders.activity.duration", (ServiceOrdersMetrics.ErrorTypeTag, null)));
    }

    /// <summary>The gauges' values after a collection.</summary>
    static (long Open, long InException) Gauges(MeterProvider meters, List<Metric> exported)
    {
        exported.Clear();
        meters.ForceFlush();
        long Last(string status) => Assert.Single(Matching(exported, "serviceorders.orders.open", [(ServiceOrdersMetrics.StatusTag, status)])).GetGaugeLastValueLong();
        Assert.Single(exported, m => m.Name == "serviceorders.intake.waiting");
        return (Last("Open"), Last("Exception"));
    }

    static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            yield return point;
        }
    }

    /// <summary>The points whose tags include every one asked for; a null value asks for the tag to be present, whatever its value.</summary>
    static IEnumerable<MetricPoint> Matching(IEnumerable<Metric> metrics, string name, (string Key, string? Value)[] tags) =>
        metrics.Where(m => m.Name == name).SelectMany(Points).Where(p =>
        {
            var have = new Dictionary<string, string>();
            foreach (var tag in p.Tags)
            {
                have[tag.Key] = tag.Value?.ToString() ?? "";
            }

            return tags.All(t => have.TryGetValue(t.Key, out var value) && (t.Value is null || value == t.Value));
        });

    static long Sum(IEnumerable<Metric> metrics, string name, params (string Key, string? Value)[] tags) =>
        Matching(metrics, name, tags).Sum(p => p.GetSumLong());

    static long Count(IEnumerable<Metric> metrics, string name, params (string Key, string? Value)[] tags) =>
        Matching(metrics, name, tags).Sum(p => p.GetHistogramCount());
}

/// <summary>A host of its own that runs alone, after the tests that run in parallel: its metrics are only its own orders'.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<StandaloneHostFixture>
{
    public const string Name = "Metrics, alone";
}
