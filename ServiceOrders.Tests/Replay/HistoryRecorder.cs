using DurableTask.AzureStorage;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Domain.Rules;
using ServiceOrders.Host.Engine;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Tests.Replay;

/// <summary>Runs only when <c>SERVICEORDERS_RECORD_HISTORIES=1</c>: recording rewrites test data in the source tree.</summary>
public sealed class RecordFactAttribute : FactAttribute
{
    public const string Variable = "SERVICEORDERS_RECORD_HISTORIES";

    public RecordFactAttribute(
        [System.Runtime.CompilerServices.CallerFilePath] string? sourceFilePath = null,
        [System.Runtime.CompilerServices.CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Skip = $"Records histories only when {Variable}=1.";
        }
    }
}

/// <summary>
/// Runs representative orders on the real engine and writes each one's full history to
/// <c>ServiceOrders.Tests/Replay/Histories</c>, for <see cref="ReplayTests"/> to replay against later code.
/// Record after an intended change to the orchestrator that comes with a new <see cref="ServiceOrderStart.CurrentRevision"/>:
/// the new revision's histories go beside those of the earlier ones, which keep guarding the orders still in flight.
/// </summary>
public class HistoryRecorder
{
    static readonly OrderPolicy Policy = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), PlanningPolicy.Default)
    {
        Disconnects = new DisconnectPolicy
        {
            WindowStart = TimeOnly.MinValue,
            Cutoff = new TimeOnly(23, 59, 59),
            NoCutOnWeekends = false,
            NoCutOnDayBeforeWeekend = false,
            NoCutOnDayBeforeHoliday = false,
        },
    };

    [RecordFact]
    [Trait("Category", "RecordHistories")]
    public async Task RecordsTheHistoriesOfRepresentativeOrders()
    {
        var harness = new EngineHarness();
        await harness.InitializeAsync();
        try
        {
            await RecordAsync(harness, "enable-install-activate-connect-read", await EnableInstallAsync(harness));
            await RecordAsync(harness, "command-retried-then-crew", await CommandRetriedThenCrewAsync(harness));
            await RecordAsync(harness, "exception-resolved-by-operator-retry", await OperatorRetryAsync(harness));
            await RecordAsync(harness, "cancelled-cut-reconnected", await CancelledCutAsync(harness));
            await RecordAsync(harness, "scheduled-rescheduled-read", await RescheduledReadAsync(harness));
            await RecordAsync(harness, SmartReconnect, await SmartReconnectAsync(harness));
        }
        finally
        {
            await harness.DisposeAsync();
        }
    }

    /// <summary>The order the durable-action budget is set for: a smart meter that is off, connected remotely and read.</summary>
    public const string SmartReconnect = "smart-reconnect-connect-read";

    /// <summary>The head-end answers each command twice, accepted then done, through the product's answer route.</summary>
    static async Task<string> SmartReconnectAsync(EngineHarness harness)
    {
        var start = await OrderAtAsync(harness,
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)),
            RequestType.ReconnectForPayment);
        var orderId = start.Request.RequestId;
        harness.Outside.HeadEndRoute = harness.AnswerRoute;
        harness.Outside.HeadEndScripts[orderId] = command =>
            [new HeadEndAnswered(command.CommandId, new HeadEndResult(CommandOutcome.Accepted)), FakeOutsideSystems.Succeeded(command)];
        try
        {
            await harness.RunAsync(start);
        }
        finally
        {
            harness.Outside.HeadEndRoute = null;
        }

        Assert.Equal([ActivityKind.RemoteConnect, ActivityKind.ReadScalar], harness.Outside.Commands.Where(c => c.OrderId.Value == orderId).Select(c => c.Kind));
        return orderId;
    }

    static async Task<string> EnableInstallAsync(EngineHarness harness)
    {
        var start = await OrderAtAsync(harness, new ServicePoint(NewId(), Commodity.Electric, Meter: null), RequestType.EnableService);
        await harness.RunAsync(start);
        return start.Request.RequestId;
    }

    static async Task<string> CommandRetriedThenCrewAsync(EngineHarness harness)
    {
        var start = await OrderAtAsync(harness,
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Disconnected)),
            RequestType.EnableService,
            Policy with
            {
                CommandDeadline = TimeSpan.FromSeconds(2),
                Planning = new PlanningPolicy(MaxCommandAttempts: 2) { CommandRetryBackoff = TimeSpan.FromMilliseconds(500) },
            });
        var orderId = start.Request.RequestId;
        harness.Outside.HeadEndScripts[orderId] = command => command.Kind == ActivityKind.RemoteConnect ? [] : [FakeOutsideSystems.Succeeded(command)];
        await harness.RunAsync(start);
        Assert.Contains(harness.Outside.Dispatches, d => d.OrderId.Value == orderId && d.Kind == ActivityKind.TurnOn);
        return orderId;
    }

    static async Task<string> OperatorRetryAsync(EngineHarness harness)
    {
        var start = await OrderAtAsync(harness,
            new ServicePoint(NewId(), Commodity.Water, new Meter(NewId(), MeterClass.Manual, false, SwitchState.Disconnected)),
            RequestType.EnableService);
        var orderId = start.Request.RequestId;
        var visits = 0;
        harness.Outside.FieldScripts[orderId] = dispatch => Interlocked.Increment(ref visits) == 1
            ? new FieldWorkCompleted(dispatch.ActivityId, new FieldCompletion(CompletionCode.CannotAccess, "Crew 2", Remarks: "Dog in yard"))
            : FakeOutsideSystems.Completed(dispatch);
        Assert.True(await harness.Engine.StartAsync(new OrderId(orderId), start, CancellationToken.None));
        await harness.WaitForPhaseAsync(orderId, OrderPhase.Exception);
        await harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.OperatorAction, new OperatorAction(OperatorActionKind.Retry, "op-7"), CancellationToken.None);
        await harness.WaitForEndAsync(orderId);
        return orderId;
    }

    static async Task<string> RescheduledReadAsync(EngineHarness harness)
    {
        var start = await OrderAtAsync(harness,
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Smart, true, SwitchState.Connected)),
            RequestType.ReadMeter);
        start = start with { Request = start.Request with { ReadKind = ReadKind.Scalar, RequestedDate = DateTimeOffset.UtcNow.AddSeconds(3) } };
        var orderId = start.Request.RequestId;
        Assert.True(await harness.Engine.StartAsync(new OrderId(orderId), start, CancellationToken.None));
        await harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForServiceDate);
        await harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.OrderUpdated,
            new OrderUpdated(DateTimeOffset.UtcNow.AddSeconds(2), "CIS"), CancellationToken.None);
        await harness.WaitForEndAsync(orderId);
        return orderId;
    }

    static async Task<string> CancelledCutAsync(EngineHarness harness)
    {
        var start = await OrderAtAsync(harness,
            new ServicePoint(NewId(), Commodity.Electric, new Meter(NewId(), MeterClass.Manual, false, SwitchState.Connected)),
            RequestType.CutForNonPayment);
        var orderId = start.Request.RequestId;
        harness.Outside.FieldScripts[orderId] = dispatch => dispatch.Kind == ActivityKind.CutForNonPayment ? null : FakeOutsideSystems.Completed(dispatch);
        harness.Outside.CancelScripts[orderId] = cancellation => new FieldWorkCompleted(cancellation.ActivityId,
            new FieldCompletion(CompletionCode.Completed, "Crew 3", Switch: SwitchState.Disconnected, Remarks: "Already cut"));
        Assert.True(await harness.Engine.StartAsync(new OrderId(orderId), start, CancellationToken.None));
        await harness.WaitForPhaseAsync(orderId, OrderPhase.WaitingForCrew);
        await harness.Engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.CancelRequested, new CancelRequested("Customer paid at the office", "CIS"), CancellationToken.None);
        await harness.WaitForEndAsync(orderId);
        Assert.Contains(harness.Outside.Dispatches, d => d.OrderId.Value == orderId && d.Kind == ActivityKind.Reconnect);
        return orderId;
    }

    /// <summary>Fetches the ended order's history from the provider and writes it, indented, into the source tree.</summary>
    static async Task RecordAsync(EngineHarness harness, string name, string orderId)
    {
        var instance = await harness.WaitForEndAsync(orderId);
        Assert.Equal(EngineStatus.Completed, instance.Status);
        var service = ProviderOf(harness.Engine);
        var state = Assert.Single(await service.GetOrchestrationStateAsync(orderId, allExecutions: false));
        var json = await service.GetOrchestrationHistoryAsync(orderId, state.OrchestrationInstance.ExecutionId);

        // What is written must be what the replay test can read back.
        Assert.NotEmpty(OrchestrationReplay.Parse(json));
        // Named by revision: the histories of earlier revisions stay, for the orders of those revisions still in flight.
        var path = RepositoryFiles.PathOf([.. OrchestrationReplay.HistoriesFolder, $"{name}.r{ServiceOrderStart.CurrentRevision}.json"]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JToken.Parse(json).ToString(Formatting.Indented) + "\n");
    }

    /// <summary>The Azure Storage provider the engine runs on, which alone can read an instance's history.</summary>
    static AzureStorageOrchestrationService ProviderOf(IOrderEngine engine) =>
        ((StandaloneDurableEngine)engine).OrchestrationService;

    static async Task<ServiceOrderStart> OrderAtAsync(EngineHarness harness, ServicePoint point, RequestType type, OrderPolicy? policy = null)
    {
        await harness.Registry.UpsertAsync(point, CancellationToken.None);
        var request = new ServiceOrderRequest(NewId(), type, point.ServicePointId, point.Commodity,
            NewMeter: new MeterFound($"SM-{point.ServicePointId}", MeterClass.Smart));
        return ServiceOrderStart.New(request, policy ?? Policy, DateTimeOffset.UtcNow);
    }

    static string NewId() => $"R-{Guid.NewGuid():N}"[..20];
}
