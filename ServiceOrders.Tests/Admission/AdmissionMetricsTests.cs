using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.Admission;

/// <summary>Alone, after the tests that run in parallel: the admission instruments of the process-wide meter are this test's only.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AdmissionMetricsCollection
{
    public const string Name = "Admission metrics, alone";
}

/// <summary>The admission metrics on the <c>ServiceOrders</c> meter, read by an in-memory exporter.</summary>
[Collection(AdmissionMetricsCollection.Name)]
public sealed class AdmissionMetricsTests
{
    [Fact]
    public async Task WaitingByPriority_InProgress_AndTheWaitTime_AreMeasured()
    {
        var exported = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(ServiceOrdersMetrics.MeterName).AddInMemoryExporter(exported).Build();
        using var rig = new AdmissionRig(maxOrdersInProgress: 1);
        await rig.TakeInAsync(RequestType.CutForNonPayment);
        await rig.TakeInAsync(RequestType.CutForNonPayment);
        await rig.TakeInAsync(RequestType.ReconnectForPayment);
        rig.Clock.Now += TimeSpan.FromMinutes(5);

        await rig.NewPump().RunOnceAsync(rig.Engine, CancellationToken.None);
        using var figures = new AdmissionFigures(rig.Store, Options.Create(rig.Settings), rig.Clock);
        var status = await figures.StatusAsync(CancellationToken.None);
        meters.ForceFlush();

        Assert.Equal((1, 1, 2), (status.MaxOrdersInProgress, status.InProgress, status.Waiting));
        long Waiting(AdmissionPriority priority) =>
            Assert.Single(Points(exported, "serviceorders.admission.waiting"), p => Tag(p, ServiceOrdersMetrics.PriorityTag) == priority.ToString()).GetGaugeLastValueLong();
        Assert.Equal((0, 0, 0, 2), (Waiting(AdmissionPriority.Restore), Waiting(AdmissionPriority.Start), Waiting(AdmissionPriority.Routine), Waiting(AdmissionPriority.Cut)));
        Assert.Equal(1, Assert.Single(Points(exported, "serviceorders.admission.in_progress")).GetGaugeLastValueLong());
        var wait = Assert.Single(Points(exported, "serviceorders.admission.wait.duration"));
        Assert.Equal(("Restore", "ReconnectForPayment"), (Tag(wait, ServiceOrdersMetrics.PriorityTag), Tag(wait, ServiceOrdersMetrics.RequestTypeTag)));
        Assert.Equal(1, wait.GetHistogramCount());
        Assert.InRange(wait.GetHistogramSum(), 300, 301);
        Assert.Equal("s", exported.First(m => m.Name == "serviceorders.admission.wait.duration").Unit);
        Assert.Equal("{order}", exported.First(m => m.Name == "serviceorders.admission.waiting").Unit);
    }

    static List<MetricPoint> Points(IEnumerable<Metric> metrics, string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                points.Add(point);
            }
        }

        return points;
    }

    static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
