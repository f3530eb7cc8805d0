using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Api.Operators;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Api.Operators;

/// <summary>
/// A bulk action survives its host: the store on Azurite keeps which orders were acted on, so a host that starts
/// after one was killed half-way finishes the rest, and no order is acted on twice, not even by two hosts at once.
/// </summary>
public class BulkActionRunnerTests
{
    static readonly StorageTables Tables = new(new TableServiceClient(TestStorage.ConnectionString));

    // Tables of its own: the hosts of other tests run the bulk actions of the default tables.
    readonly TableBulkActionStore store = new(Tables, $"runnerBulk{Guid.NewGuid():N}"[..30]);
    readonly Clock clock = new(DateTimeOffset.UtcNow);
    readonly OrdersInException engine = new();

    BulkActionRunner Runner() => new(store, new AuditTrail(new TableAuditLog(Tables), clock), clock, NullLogger<BulkActionRunner>.Instance);

    async Task<(string Id, string[] Orders)> RunningCancelAsync(int count)
    {
        var id = $"bulk_{Guid.NewGuid():N}";
        var orders = Enumerable.Range(0, count).Select(i => $"BULK-{Guid.NewGuid():N}"[..20]).ToArray();
        await store.AddAsync(new BulkActionView(id, BulkActionKind.Cancel, new BulkSelection(OrderIds: orders), AuditReasons.DuplicateOrder, null,
            "dana", clock.GetUtcNow(), BulkActionState.Running, "sam", clock.GetUtcNow(), null, count, 0, 0, null), orders, CancellationToken.None);
        return (id, orders);
    }

    [Fact]
    public async Task AHostStartedAfterAKill_FinishesTheRest_AndDoesNotActAgainOnTheOrderItWasOn()
    {
        var (id, orders) = await RunningCancelAsync(3);
        Assert.True(await store.ClaimAsync(id, 0, clock.GetUtcNow(), CancellationToken.None)); // the killed host had claimed the first order
        clock.Now += BulkActionRunner.ClaimLease + TimeSpan.FromSeconds(1);

        await Runner().RunPendingAsync(engine, CancellationToken.None);
        await Runner().RunPendingAsync(engine, CancellationToken.None);

        Assert.Equal(orders[1..].Order(), engine.Raised.Select(r => r.OrderId).Order());
        var view = (await store.GetAsync(id, withResults: true, CancellationToken.None))!;
        Assert.Equal((BulkActionState.Completed, 2, 1), (view.State, view.Applied, view.Refused));
        Assert.Equal(BulkActionRunner.Interrupted, view.Results![0].Detail);
    }

    [Fact]
    public async Task TwoHostsRunningTheSameBulkAction_ActOnEachOrderOnce()
    {
        var (id, orders) = await RunningCancelAsync(12);

        await Task.WhenAll(Runner().RunPendingAsync(engine, CancellationToken.None), Runner().RunPendingAsync(engine, CancellationToken.None));
        await Runner().RunPendingAsync(engine, CancellationToken.None);

        Assert.Equal(orders.Order(), engine.Raised.Select(r => r.OrderId).Order());
        var view = (await store.GetAsync(id, withResults: true, CancellationToken.None))!;
        Assert.Equal((BulkActionState.Completed, 12), (view.State, view.Applied));
        Assert.All(view.Results!, r => Assert.Equal(IBulkActionStore.Applied, r.Outcome));
    }

    sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Every order exists and is in exception; raised events are recorded.</summary>
    sealed class OrdersInException : IOrderEngine
    {
        static readonly string Progress = JsonSerializer.Serialize(new OrderProgress(OrderPhase.Exception, 1, null, null, []), ServiceOrdersJson.Options);

        public ConcurrentBag<(string OrderId, string EventName)> Raised { get; } = [];

        public Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken) =>
            Task.FromResult<OrderInstance?>(new OrderInstance(orderId, EngineStatus.Running, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null,
                Progress, null, null));

        public Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken) => Task.FromResult<EngineStatus?>(EngineStatus.Running);

        public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken)
        {
            Assert.Equal(OrderEvents.OperatorAction, eventName);
            Raised.Add((orderId.Value, eventName));
            return Task.CompletedTask;
        }
    }
}
