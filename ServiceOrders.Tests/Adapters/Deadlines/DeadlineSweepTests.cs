using System.Collections.Concurrent;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using ServiceOrders.Adapters.Deadlines;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.Adapters.Deadlines;

/// <summary>
/// The deadline board on Azurite and the sweep over it: an order waiting for a head-end or a crew hears once that its
/// deadline passed, never before, not after its wait was cleared, and not when it has ended; sweeps on several hosts tell
/// it once; a host stopped after claiming leaves the deadline to the next sweep.
/// </summary>
public sealed class DeadlineSweepTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 2, 14, 30, 20, TimeSpan.Zero);

    readonly FakeTimeProvider time = new(Now);
    readonly TableDeadlineBoard board = new(new StorageTables(new TableServiceClient(TestStorage.ConnectionString)), $"DeadlineTest{Guid.NewGuid():N}"[..30]);
    readonly RecordingEngine engine = new();

    DeadlineSweep Sweep(int batchSize = 200) =>
        new(board, Options.Create(new DeadlineOptions { BatchSize = batchSize, ClaimTimeout = TimeSpan.FromMinutes(1) }), time, NullLogger<DeadlineSweep>.Instance);

    static DeadlineEntry Entry(string order, int step, DateTimeOffset dueAt) => new(new OrderId(order), $"{order}.{step}", dueAt);

    [Fact]
    public async Task ADeadlineThatPassed_IsRaisedOnItsOrder_Once_AndLeavesTheBoard()
    {
        var passed = Entry("ORD-1", 2, Now.AddMinutes(-3));
        var ahead = Entry("ORD-2", 2, Now.AddMinutes(30));
        var thisMinuteAhead = Entry("ORD-3", 4, Now.AddSeconds(10));
        foreach (var entry in new[] { passed, ahead, thisMinuteAhead })
        {
            await board.SetAsync(entry, CancellationToken.None);
        }

        Assert.Equal(1, await Sweep().SweepAsync(engine, CancellationToken.None));
        Assert.Equal(0, await Sweep().SweepAsync(engine, CancellationToken.None));

        var raised = Assert.Single(engine.Raised);
        Assert.Equal(("ORD-1", OrderEvents.DeadlinePassed), (raised.OrderId, raised.EventName));
        Assert.Equal(new DeadlinePassed("ORD-1.2", passed.DueAt), raised.Payload);

        time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await Sweep().SweepAsync(engine, CancellationToken.None));
        Assert.Equal(["ORD-1", "ORD-3"], engine.Raised.Select(r => r.OrderId));
    }

    [Fact]
    public async Task SettingADeadlineAgain_KeepsOne_AndAClearedDeadline_IsNeverRaised()
    {
        var answered = Entry("ORD-4", 1, Now.AddMinutes(-1));
        var unanswered = Entry("ORD-5", 1, Now.AddMinutes(-1));
        await board.SetAsync(answered, CancellationToken.None);
        await board.SetAsync(unanswered, CancellationToken.None);
        await board.SetAsync(unanswered, CancellationToken.None);
        await board.ClearAsync(answered.OrderId, answered.ActivityId, answered.DueAt, CancellationToken.None);
        await board.ClearAsync(answered.OrderId, answered.ActivityId, answered.DueAt, CancellationToken.None);

        await Sweep().SweepAsync(engine, CancellationToken.None);

        Assert.Equal(["ORD-5"], engine.Raised.Select(r => r.OrderId));
    }

    [Fact]
    public async Task AnOrderThatEnded_OrIsUnknown_IsNotTold_AndItsDeadlineGoes()
    {
        engine.Statuses["ORD-6"] = EngineStatus.Completed;
        await board.SetAsync(Entry("ORD-6", 3, Now.AddMinutes(-1)), CancellationToken.None);
        engine.Statuses["ORD-7"] = null;
        await board.SetAsync(Entry("ORD-7", 3, Now.AddMinutes(-1)), CancellationToken.None);

        Assert.Equal(2, await Sweep().SweepAsync(engine, CancellationToken.None));

        Assert.Empty(engine.Raised);
        Assert.Empty(await board.DueAsync(Now, 10, CancellationToken.None));
    }

    [Fact]
    public async Task SweepsOnSeveralHosts_TellEachOrderOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            await board.SetAsync(Entry($"ORD-M{i:D2}", 1, Now.AddSeconds(-i * 7)), CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Sweep(batchSize: 8).SweepAsync(engine, CancellationToken.None))));

        Assert.Equal(30, engine.Raised.Count);
        Assert.Equal(30, engine.Raised.Select(r => r.OrderId).Distinct().Count());
    }

    [Fact]
    public async Task AHostStoppedAfterClaiming_LeavesTheDeadline_ToTheNextSweepAfterTheClaimRunsOut()
    {
        var entry = Entry("ORD-8", 5, Now.AddMinutes(-2));
        await board.SetAsync(entry, CancellationToken.None);
        var due = Assert.Single(await board.DueAsync(Now, 10, CancellationToken.None));
        Assert.NotNull(await board.TryClaimAsync(due, Now.AddMinutes(1), CancellationToken.None));

        await Sweep().SweepAsync(engine, CancellationToken.None);
        Assert.Empty(engine.Raised);

        time.Advance(TimeSpan.FromMinutes(1.5));
        await Sweep().SweepAsync(engine, CancellationToken.None);
        Assert.Equal(["ORD-8"], engine.Raised.Select(r => r.OrderId));
    }

    [Fact]
    public async Task AFailedRaise_LeavesTheDeadlineOnTheBoard()
    {
        await board.SetAsync(Entry("ORD-9", 1, Now.AddMinutes(-1)), CancellationToken.None);
        engine.FailRaising = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sweep().SweepAsync(engine, CancellationToken.None));
        engine.FailRaising = false;
        time.Advance(TimeSpan.FromMinutes(2));
        await Sweep().SweepAsync(engine, CancellationToken.None);

        Assert.Equal(["ORD-9"], engine.Raised.Select(r => r.OrderId));
    }

    [Fact]
    public async Task EachSweptDeadline_IsCounted_WithHowLateItWasTold()
    {
        var exported = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter(ServiceOrdersMetrics.MeterName).AddInMemoryExporter(exported).Build();
        await board.SetAsync(Entry("ORD-10", 1, Now.AddSeconds(-4)), CancellationToken.None);
        engine.Statuses["ORD-11"] = EngineStatus.Failed;
        await board.SetAsync(Entry("ORD-11", 1, Now.AddSeconds(-4)), CancellationToken.None);

        await Sweep().SweepAsync(engine, CancellationToken.None);
        meters.ForceFlush();

        Assert.True(Sum(exported, "serviceorders.deadlines.swept", "raised") >= 1);
        Assert.True(Sum(exported, "serviceorders.deadlines.swept", "ended") >= 1);
        var lateness = Assert.Single(exported, m => m.Name == "serviceorders.deadlines.lateness");
        Assert.Equal("s", lateness.Unit);
    }

    static long Sum(IEnumerable<Metric> metrics, string name, string outcome)
    {
        long sum = 0;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    if (tag.Key == ServiceOrdersMetrics.OutcomeTag && Equals(tag.Value, outcome))
                    {
                        sum += point.GetSumLong();
                    }
                }
            }
        }

        return sum;
    }

    /// <summary>An engine whose orders run unless told otherwise, recording what is raised on them.</summary>
    sealed class RecordingEngine : IOrderEngine
    {
        readonly ConcurrentQueue<(string OrderId, string EventName, object Payload)> raised = new();

        public ConcurrentDictionary<string, EngineStatus?> Statuses { get; } = new();

        public bool FailRaising { get; set; }

        public IReadOnlyList<(string OrderId, string EventName, object Payload)> Raised => [.. raised.OrderBy(r => r.OrderId, StringComparer.Ordinal)];

        public Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken) =>
            Task.FromResult(Statuses.TryGetValue(orderId.Value, out var status) ? status : EngineStatus.Running);

        public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken)
        {
            if (FailRaising)
            {
                throw new InvalidOperationException("The engine is not reachable.");
            }

            raised.Enqueue((orderId.Value, eventName, payload));
            return Task.CompletedTask;
        }

        public Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
