using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceOrders.Adapters;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Api;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Host.Engine;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Support;

/// <summary>
/// The real durable engine (Azure Storage provider on Azurite) running the real orchestrator, activities and registry,
/// with fakes in place of the outside systems only. One task hub per harness.
/// </summary>
public sealed class EngineHarness : IAsyncLifetime
{
    IHost? host;

    public FakeOutsideSystems Outside { get; } = new();

    /// <summary>The deadline board with its sweep, in memory.</summary>
    public FakeDeadlineBoard Deadlines { get; } = new();

    public IOrderEngine Engine => host!.Services.GetRequiredService<IOrderEngine>();

    public IServicePointRegistry Registry => host!.Services.GetRequiredService<IServicePointRegistry>();

    public IExceptionQueue Exceptions => host!.Services.GetRequiredService<IExceptionQueue>();

    /// <summary>The product's route for crew and head-end answers (what the API and the result queue call).</summary>
    public AnswerForwarder AnswerRoute => host!.Services.GetRequiredService<AnswerForwarder>();

    public async ValueTask InitializeAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WorkflowServices.StorageConnectionSetting] = TestStorage.ConnectionString,
            ["Durable:TaskHubName"] = TestStorage.NewTaskHubName("orch"),
            ["Durable:PartitionCount"] = "2",
            ["Durable:MaxQueuePollingInterval"] = "00:00:00.500",
            ["Weather:ExtremePrefix"] = "COLD",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddServiceOrdersWorkflow(builder.Configuration);
        builder.Services.AddServiceOrdersApi();
        builder.Services.AddOptions<DurableEngineOptions>().Bind(builder.Configuration.GetSection(DurableEngineOptions.SectionName));
        builder.Services.AddSingleton<StandaloneDurableEngine>();
        builder.Services.AddSingleton<IOrderEngine>(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddSingleton<IFieldWorkGateway>(Outside);
        builder.Services.AddSingleton<IHeadEndGateway>(Outside);
        builder.Services.AddSingleton<ICisReplySender>(Outside);
        builder.Services.AddSingleton<ISubscriberNotifier>(Outside);
        builder.Services.AddSingleton<IDeadlineBoard>(Deadlines);
        host = builder.Build();
        Outside.Engine = host.Services.GetRequiredService<IOrderEngine>();
        Deadlines.Engine = Outside.Engine;
        await host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    /// <summary>Starts an order and waits until it has ended.</summary>
    public async Task<OrderInstance> RunAsync(ServiceOrderStart start)
    {
        Assert.True(await Engine.StartAsync(new OrderId(start.Request.RequestId), start, CancellationToken.None));
        return await WaitForEndAsync(start.Request.RequestId);
    }

    /// <summary>Waits until the order shows the given phase, and returns what it shows.</summary>
    public Task<OrderProgress> WaitForPhaseAsync(string orderId, OrderPhase phase) =>
        Eventually.GetAsync(
            async () => await Engine.GetAsync(new OrderId(orderId), CancellationToken.None) is { SerializedProgress: { } json }
                && JsonSerializer.Deserialize<OrderProgress>(json, ServiceOrdersJson.Options) is { } progress && progress.Phase == phase
                    ? progress
                    : null,
            $"order {orderId} to be {phase}");

    /// <summary>The history of the order's current execution, as the Azure Storage provider keeps it.</summary>
    public async Task<IReadOnlyList<DurableTask.Core.History.HistoryEvent>> HistoryAsync(string orderId)
    {
        var service = host!.Services.GetRequiredService<StandaloneDurableEngine>().OrchestrationService;
        var state = Assert.Single(await service.GetOrchestrationStateAsync(orderId, allExecutions: false));
        return Replay.OrchestrationReplay.Parse(await service.GetOrchestrationHistoryAsync(orderId, state.OrchestrationInstance.ExecutionId));
    }

    public Task<OrderInstance> WaitForEndAsync(string orderId) =>
        Eventually.GetAsync(
            async () => await Engine.GetAsync(new OrderId(orderId), CancellationToken.None) is { HasEnded: true } ended ? ended : null,
            $"order {orderId} to end");
}
