using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Tests.Intake;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Admission;

/// <summary>A clock the test moves.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// An engine that records each start and starts an id once (as the durable engine dedupes by instance id); it can be
/// made to fail. Orders never run: what the pump does is the subject.
/// </summary>
public sealed class RecordingEngine : IOrderEngine
{
    readonly ConcurrentDictionary<string, ServiceOrderStart> started = new();

    /// <summary>Every call of <see cref="StartAsync"/>, in the order they came, including repeats.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>The ids of the orders started, in the order they started.</summary>
    public ConcurrentQueue<string> Started { get; } = new();

    public Exception? Failure { get; set; }

    public ServiceOrderStart StartOf(string orderId) => started[orderId];

    public Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken)
    {
        Calls.Enqueue(orderId.Value);
        if (Failure is { } failure)
        {
            throw failure;
        }

        if (!started.TryAdd(orderId.Value, (ServiceOrderStart)input))
        {
            return Task.FromResult(false);
        }

        Started.Enqueue(orderId.Value);
        return Task.FromResult(true);
    }

    public Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken) =>
        Task.FromResult(started.TryGetValue(orderId.Value, out var start)
            ? new OrderInstance(orderId, EngineStatus.Running, start.ReceivedAt, start.ReceivedAt,
                JsonSerializer.Serialize(start, ServiceOrdersJson.Options), null, null, null)
            : null);

    public Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken) =>
        Task.FromResult<EngineStatus?>(started.ContainsKey(orderId.Value) ? EngineStatus.Running : null);

    public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Admission control on Azurite, with tables and queues of the test's own: the store, the intake that fills it, the
/// order list that gives tickets back, and pumps (as many as asked, as several hosts would run) over one store.
/// </summary>
public sealed class AdmissionRig : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    readonly List<IDisposable> owned = [];

    public AdmissionRig(int maxOrdersInProgress, int batchSize = 50, string? tableName = null)
    {
        Tables = new StorageTables(new TableServiceClient(TestStorage.ConnectionString));
        Settings = new AdmissionOptions
        {
            MaxOrdersInProgress = maxOrdersInProgress,
            BatchSize = batchSize,
            TableName = tableName ?? $"AdmTest{Guid.NewGuid():N}"[..30],
            CountInterval = TimeSpan.Zero,
        };
        Store = new AdmissionStore(Tables, Options.Create(Settings));
        Signal = Own(new AdmissionSignal());
        Index = new TicketReleasingOrderIndex(Tables, Store, Signal, NullLogger<TicketReleasingOrderIndex>.Instance, $"AdmIndex{Guid.NewGuid():N}"[..30]);
        Tickets = new AdmissionTickets(Store, Index, Options.Create(Settings), Clock);
        IntakeSettings = IntakeTestData.FastRetries(3);
        IntakeSettings.QueueName = $"adm-{Guid.NewGuid():N}"[..30];
        Poison = new IntakePoisonQueue(new StorageQueues(new QueueServiceClient(TestStorage.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })), Options.Create(IntakeSettings), Clock);
        Intake = new ServiceOrderIntake(
            Replies, Options.Create(new OrderPolicyOptions()), Options.Create(IntakeSettings), Clock, NullLogger<ServiceOrderIntake>.Instance,
            new AdmissionQueue(Store, Signal));
    }

    public MovableClock Clock { get; } = new(T0);

    public StorageTables Tables { get; }

    public AdmissionOptions Settings { get; }

    public AdmissionStore Store { get; }

    public AdmissionSignal Signal { get; }

    public TicketReleasingOrderIndex Index { get; }

    public AdmissionTickets Tickets { get; }

    public IntakeOptions IntakeSettings { get; }

    public IntakePoisonQueue Poison { get; }

    public RecordingCisReplies Replies { get; } = new();

    public ServiceOrderIntake Intake { get; }

    public RecordingEngine Engine { get; } = new();

    /// <summary>A pump over this rig's store, as one host runs it.</summary>
    public AdmissionPump NewPump() => Own(new AdmissionPump(
        Store, Own(new AdmissionFigures(Store, Options.Create(Settings), Clock)), Intake, Poison, Tickets,
        Options.Create(Settings), Clock, NullLogger<AdmissionPump>.Instance));

    public static string RequestJson(string requestId, RequestType type, bool emergency = false) =>
        $$"""
        {
          "requestId": "{{requestId}}",
          "requestType": "{{type}}",
          "servicePointId": "SP-{{requestId}}",
          "commodity": "Electric",
          "emergency": {{(emergency ? "true" : "false")}},
          "requestingSystem": "CIS-TEST"
        }
        """;

    /// <summary>Takes a request in, one clock tick after the one before, and checks that it waits for admission.</summary>
    public async Task<string> TakeInAsync(RequestType type, string? requestId = null, bool emergency = false)
    {
        requestId ??= IntakeTestData.NewId(type.ToString()[..3].ToUpperInvariant());
        Clock.Now = Clock.Now.AddMilliseconds(1);
        var outcome = await Intake.HandleAsync(IntakeTestData.Message(RequestJson(requestId, type, emergency)), Engine, CancellationToken.None);
        Assert.Equal(new IntakeOutcome.Queued(requestId), outcome);
        return requestId;
    }

    /// <summary>Runs cycles of <paramref name="pump"/> until one starts nothing; returns the cycles.</summary>
    public async Task<List<AdmissionCycle>> DrainAsync(AdmissionPump pump, int maxCycles = 100)
    {
        var cycles = new List<AdmissionCycle>();
        for (var i = 0; i < maxCycles; i++)
        {
            var cycle = await pump.RunOnceAsync(Engine, CancellationToken.None);
            cycles.Add(cycle);
            if (cycle.Settled == 0)
            {
                return cycles;
            }
        }

        throw new InvalidOperationException($"The pump still started orders after {maxCycles} cycles.");
    }

    /// <summary>The records on this rig's poison queue.</summary>
    public async Task<List<IntakePoisonMessage>> PoisonRecordsAsync()
    {
        var queue = new QueueClient(TestStorage.ConnectionString, IntakeSettings.PoisonQueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        if (!(await queue.ExistsAsync()).Value)
        {
            return [];
        }

        var peeked = await queue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => JsonSerializer.Deserialize<IntakePoisonMessage>(m.Body.ToString(), ServiceOrdersJson.Options)!)];
    }

    /// <summary>Writes the order list's entry of an order, as its activities do.</summary>
    public Task IndexAsync(string orderId, OrderStatus status, string? waitingFor = null) =>
        Index.UpsertAsync(new OrderIndexEntry(orderId, $"SP-{orderId}", RequestType.ReadMeter, status, null, T0, Clock.Now, WaitingFor: waitingFor), CancellationToken.None);

    T Own<T>(T item)
        where T : IDisposable
    {
        owned.Add(item);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in owned)
        {
            item.Dispose();
        }
    }
}
