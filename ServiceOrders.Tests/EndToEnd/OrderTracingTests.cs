using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Host.Telemetry;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.EndToEnd;

/// <summary>
/// One order's trace, read through an OpenTelemetry in-memory exporter set up as the host sets up its own: from the
/// CIS's request through the intake, every durable step, the dispatch to a crew and the crew's HTTP completion (sent
/// back with the dispatch's <c>traceparent</c>) to the CIS reply, all in the trace the CIS started, with no span as long
/// as the order's waits.
/// </summary>
[Collection(StandaloneHostCollection.Name)]
public sealed class OrderTracingTests(StandaloneHostFixture host)
{
    static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..24];

    [Fact]
    public async Task AnOrderWithACrew_IsOneTrace_FromTheCisRequestThroughTheCrewsCompletionToTheReply()
    {
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().SetSampler(new AlwaysOnSampler())
            .AddSource([.. TelemetryServices.Sources]).AddProcessor(new DurableSpanShaper()).AddInMemoryExporter(exported).Build();
        var servicePointId = NewId("SP");
        (await host.Http.PutAsJsonAsync($"api/service-points/{servicePointId}", new ServicePoint(servicePointId, Commodity.Electric, Meter: null),
            ServiceOrdersJson.Options)).EnsureSuccessStatusCode();
        var requestId = NewId("TRACE");

        // The CIS sends the request within a trace of its own.
        var cisTrace = ActivityTraceId.CreateRandom();
        var cisSpan = ActivitySpanId.CreateRandom();
        using var submit = new HttpRequestMessage(HttpMethod.Post, "api/orders")
        {
            Content = JsonContent.Create(new ServiceOrderRequest(requestId, RequestType.Investigate, servicePointId, Commodity.Electric), options: ServiceOrdersJson.Options),
        };
        submit.Headers.Add("traceparent", $"00-{cisTrace}-{cisSpan}-01");
        (await host.Http.SendAsync(submit)).EnsureSuccessStatusCode();
        var reply = await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);

        var spans = await Eventually.GetAsync(() =>
        {
            tracing.ForceFlush();
            List<Activity> mine;
            lock (exported)
            {
                mine = [.. exported.Where(a => a.TraceId == cisTrace)];
            }

            return Task.FromResult(mine.Any(s => s.DisplayName == "activity:CloseOrder" && s.Kind == ActivityKind.Server) ? mine : null);
        }, $"the spans of {requestId}");
        var byId = spans.ToDictionary(s => s.SpanId);
        string Describe() => string.Join(Environment.NewLine, spans.Select(s => $"{s.DisplayName} {s.SpanId} <- {s.ParentSpanId}"));

        // The intake span hangs under the HTTP request the CIS's traceparent started.
        var intake = Assert.Single(spans, s => s.DisplayName == "intake Investigate");
        Assert.Equal(cisSpan, byId[intake.ParentSpanId].ParentSpanId);

        // Every durable step is a short span under the intake span, and carries the order id and request type.
        var steps = spans.Where(s => s.Source.Name == DurableSpanShaper.EngineSource).ToList();
        Assert.Contains(steps, s => s.DisplayName == "activity:AdmitOrder");
        var dispatch = Assert.Single(steps, s => s.DisplayName == "activity:DispatchFieldWorkStep" && s.Kind == ActivityKind.Server);
        Assert.All(steps.Where(s => s.Kind == ActivityKind.Client), s => Assert.Equal(intake.SpanId, s.ParentSpanId));
        Assert.All(steps, s => Assert.Equal(
            (requestId, "Investigate"),
            ((string?)s.GetTagItem(ServiceOrdersTracing.OrderIdAttribute), (string?)s.GetTagItem(ServiceOrdersMetrics.RequestTypeTag))));
        Assert.DoesNotContain(steps, s => s.GetTagItem("durabletask.type") is "orchestration" or "timer");

        // The crew's completion came back with the dispatch's traceparent: its HTTP span and the answer span are the dispatch's descendants.
        var answer = Assert.Single(spans, s => s.DisplayName == "answer field");
        Assert.Equal(requestId, (string?)answer.GetTagItem(ServiceOrdersTracing.OrderIdAttribute));
        Assert.True(Ancestors(answer, byId).Contains(dispatch.SpanId), $"The crew's completion is not under its dispatch:{Environment.NewLine}{Describe()}");

        // The steps after the completion are in the same trace, under the intake span; the CIS reply carries the trace.
        Assert.Contains(steps, s => s.DisplayName == "activity:CloseOrder" && s.StartTimeUtc > answer.StartTimeUtc);
        Assert.Equal(cisTrace.ToHexString(), reply.TraceParent?.Split('-')[1]);
        Assert.All(spans, s => Assert.True(s.Duration < TimeSpan.FromMinutes(1), $"{s.DisplayName} lasted {s.Duration}"));
    }

    [Fact]
    public async Task AQueuedRequest_ContinuesTheTraceItsMessageCarries()
    {
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder().SetSampler(new AlwaysOnSampler())
            .AddSource([.. TelemetryServices.Sources]).AddProcessor(new DurableSpanShaper()).AddInMemoryExporter(exported).Build();
        var servicePointId = await host.RegisterSmartMeterAsync(Commodity.Electric);
        var requestId = NewId("TRACEQ");
        var cisTrace = ActivityTraceId.CreateRandom();
        var intakeQueue = new Azure.Storage.Queues.QueueClient(TestStorage.ConnectionString, StandaloneHostFixture.IntakeQueue);
        await intakeQueue.CreateIfNotExistsAsync();
        await intakeQueue.SendMessageAsync(JsonSerializer.Serialize(
            new ServiceOrderRequest(requestId, RequestType.DeviceStatusCheck, servicePointId, Commodity.Electric,
                TraceParent: $"00-{cisTrace}-{ActivitySpanId.CreateRandom()}-01"),
            ServiceOrdersJson.Options));

        await host.WaitForReplyAsync(requestId, CisReplyKind.Completed);
        var spans = await Eventually.GetAsync(() =>
        {
            tracing.ForceFlush();
            lock (exported)
            {
                List<Activity> mine = [.. exported.Where(a => a.TraceId == cisTrace)];
                return Task.FromResult(mine.Any(s => s.DisplayName == "activity:CloseOrder" && s.Kind == ActivityKind.Server) ? mine : null);
            }
        }, $"the spans of {requestId}");

        var intake = Assert.Single(spans, s => s.DisplayName == "intake DeviceStatusCheck");
        Assert.Equal("queue", (string?)intake.GetTagItem(ServiceOrdersTracing.ChannelAttribute));
        Assert.Contains(spans, s => s.DisplayName == "activity:SendHeadEndCommandStep" && s.Kind == ActivityKind.Server);
        Assert.Contains(spans, s => s.DisplayName == "answer headend");
    }

    static HashSet<ActivitySpanId> Ancestors(Activity span, Dictionary<ActivitySpanId, Activity> byId)
    {
        var seen = new HashSet<ActivitySpanId>();
        for (var parent = span.ParentSpanId; parent != default && seen.Add(parent) && byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
        }

        return seen;
    }
}
