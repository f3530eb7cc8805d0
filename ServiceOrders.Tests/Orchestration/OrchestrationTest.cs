using System.Text.Json;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>What orchestration tests share: a real engine per test class, short deadlines, and readers of what an order shows.</summary>
public abstract class OrchestrationTest(EngineHarness harness) : IClassFixture<EngineHarness>
{
    /// <summary>Cuts are allowed at any hour of any day, so tests do not depend on when they run.</summary>
    protected static readonly DisconnectPolicy AlwaysOpen = new()
    {
        WindowStart = TimeOnly.MinValue,
        Cutoff = new TimeOnly(23, 59, 59),
        NoCutOnWeekends = false,
        NoCutOnDayBeforeWeekend = false,
        NoCutOnDayBeforeHoliday = false,
    };

    protected static readonly OrderPolicy Policy = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), PlanningPolicy.Default)
    {
        Disconnects = AlwaysOpen,
    };

    protected EngineHarness Harness => harness;

    protected FakeOutsideSystems Outside => harness.Outside;

    protected static string NewId() => $"T-{Guid.NewGuid():N}"[..20];

    protected static ServicePoint SmartElectric(SwitchState state) =>
        new(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, state));

    protected static ServicePoint ManualElectric(SwitchState state) =>
        new(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Manual, false, state));

    /// <summary>Registers the service point and makes a request of the given type there.</summary>
    protected async Task<ServiceOrderStart> OrderAt(ServicePoint point, RequestType type, OrderPolicy? policy = null, Func<ServiceOrderRequest, ServiceOrderRequest>? shape = null)
    {
        await harness.Registry.UpsertAsync(point, CancellationToken.None);
        var request = new ServiceOrderRequest(NewId(), type, point.ServicePointId, point.Commodity,
            NewMeter: new MeterFound($"SM-{point.ServicePointId}", MeterClass.Smart));
        return ServiceOrderStart.New(shape is null ? request : shape(request), policy ?? Policy, DateTimeOffset.UtcNow);
    }

    protected Task<ServiceOrderStart> EnableServiceAt(ServicePoint point, OrderPolicy? policy = null) =>
        OrderAt(point, RequestType.EnableService, policy);

    protected async Task<string> StartAsync(ServiceOrderStart start)
    {
        Assert.True(await harness.Engine.StartAsync(new OrderId(start.Request.RequestId), start, CancellationToken.None));
        return start.Request.RequestId;
    }

    protected Task RaiseAsync(string orderId, string eventName, object payload) =>
        harness.Engine.RaiseEventAsync(new OrderId(orderId), eventName, payload, CancellationToken.None);

    protected IEnumerable<ActivityKind> Dispatched(string orderId) => Outside.Dispatches.Where(d => d.OrderId.Value == orderId).Select(d => d.Kind);

    protected IEnumerable<ActivityKind> Commanded(string orderId) => Outside.Commands.Where(c => c.OrderId.Value == orderId).Select(c => c.Kind);

    protected static OrderResult ResultOf(OrderInstance instance)
    {
        Assert.Equal(EngineStatus.Completed, instance.Status);
        return JsonSerializer.Deserialize<OrderResult>(instance.SerializedOutput!, ServiceOrdersJson.Options)!;
    }

    protected static OrderProgress ProgressOf(OrderInstance instance) =>
        JsonSerializer.Deserialize<OrderProgress>(instance.SerializedProgress!, ServiceOrdersJson.Options)!;
}
