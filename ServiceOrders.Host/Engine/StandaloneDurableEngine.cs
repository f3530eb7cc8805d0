using System.Diagnostics;
using System.Text.Json;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Host.Telemetry;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Host.Engine;

/// <summary>
/// The durable engine of the standalone host: the Durable Task Framework's Azure Storage provider (the provider
/// Durable Functions uses by default) with a worker running the same orchestrator and activities as the Functions app.
/// Any number of hosts may share one task hub; the provider spreads the work over them.
/// </summary>
public sealed partial class StandaloneDurableEngine : IHostedService, IOrderEngine, IDisposable
{
    static readonly OrchestrationStatus[] AnyStatus = Enum.GetValues<OrchestrationStatus>();

    readonly AzureStorageOrchestrationService service;
    readonly IServiceProvider services;
    readonly ILoggerFactory loggerFactory;
    readonly ILogger logger;
    readonly DurableEngineOptions options;
    readonly string workerId = WorkerIdOf(Environment.ProcessId);
    TaskHubWorker? worker;

    public StandaloneDurableEngine(
        IOptions<DurableEngineOptions> options,
        IConfiguration configuration,
        IServiceProvider services,
        ILoggerFactory loggerFactory)
    {
        this.options = options.Value;
        this.services = services;
        this.loggerFactory = loggerFactory;
        logger = loggerFactory.CreateLogger<StandaloneDurableEngine>();
        var settings = ProviderSettings(this.options, StorageConnection.From(configuration), workerId, loggerFactory);
        service = new AzureStorageOrchestrationService(settings);
    }

    /// <summary>
    /// The name this host has in the task hub's partition table: machine and process id, so that a host started again
    /// is a new owner and never mistakes the leases of its previous life for its own.
    /// </summary>
    public static string WorkerIdOf(int processId) => $"{Environment.MachineName}-{processId}";

    /// <summary>The provider's settings for <paramref name="options"/>: the partition table manages leases (the provider's default).</summary>
    internal static AzureStorageOrchestrationServiceSettings ProviderSettings(
        DurableEngineOptions options, StorageConnection storage, string workerId, ILoggerFactory loggerFactory)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = storage.ConnectionString is { } connection
                ? new StorageAccountClientProvider(connection)
                : new StorageAccountClientProvider(storage.BlobServiceUri!, storage.QueueServiceUri!, storage.TableServiceUri!, storage.Credential!),
            TaskHubName = options.TaskHubName,
            PartitionCount = options.PartitionCount,
            MaxQueuePollingInterval = options.MaxQueuePollingInterval,
            MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
            ExtendedSessionsEnabled = options.ExtendedSessions,
            ExtendedSessionIdleTimeout = options.ExtendedSessionIdleTimeout,
            ControlQueueVisibilityTimeout = options.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = options.WorkItemQueueVisibilityTimeout,
            UseTablePartitionManagement = true,
            LeaseInterval = options.LeaseInterval,
            LeaseAcquireInterval = options.LeaseAcquireInterval,
            ThrowExceptionOnInvalidDedupeStatus = true,
            WorkerId = workerId,
            LoggerFactory = loggerFactory,
        };
        if (options.ControlQueueBufferThreshold is { } buffer)
        {
            settings.ControlQueueBufferThreshold = buffer;
        }

        if (options.PartitionTableOperationTimeout is { } partitionTimeout)
        {
            settings.PartitionTableOperationTimeout = partitionTimeout;
        }

        return settings;
    }

    /// <summary>The provider itself, for tools that read what only it can (an instance's full history).</summary>
    public AzureStorageOrchestrationService OrchestrationService => service;

    /// <summary>True once the worker runs; the health endpoint reports it.</summary>
    public bool IsRunning { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(
            new DurableTaskWorkerOptions { DataConverter = new JsonDataConverter(ServiceOrdersJson.Options) },
            loggerFactory);
        worker = new TaskHubWorker(
            service,
            new CatalogObjectManager<TaskOrchestration>(),
            new CatalogObjectManager<TaskActivity>(),
            loggerFactory);
        worker.AddTaskOrchestrations(ActivityCatalog.Orchestrations(shims));
        worker.AddTaskActivities(ActivityCatalog.Activities(shims, services));
        foreach (var extension in services.GetServices<IWorkerExtension>())
        {
            extension.Register(worker, shims);
        }

        await worker.StartAsync();
        IsRunning = true;
        LogStarted(logger, options.TaskHubName, options.PartitionCount, workerId, options.LeaseInterval, options.LeaseAcquireInterval);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        IsRunning = false;
        if (worker is not null)
        {
            await worker.StopAsync(isForced: true);
            worker.Dispose();
            worker = null;
        }
    }

    /// <summary>Releases the worker (when the host was not stopped first) and the storage provider's clients.</summary>
    public void Dispose()
    {
        worker?.Dispose();
        worker = null;
        service.Dispose();
    }

    public async Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken)
    {
        var instance = new OrchestrationInstance { InstanceId = orderId.Value, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, JsonSerializer.Serialize(input, input.GetType(), ServiceOrdersJson.Options))
        {
            Name = WorkflowNames.ServiceOrder,
            Version = string.Empty,
            OrchestrationInstance = instance,
            ParentTraceContext = OrderTraceContext.ForStart(Activity.Current),
        };

        try
        {
            await service.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, AnyStatus);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }

        // Two starts of one id at the same moment both pass the provider's existence check; only the execution whose
        // instance row was written runs (the provider discards the other's start message). Report which one that is.
        var states = await service.GetOrchestrationStateAsync(orderId.Value, allExecutions: false);
        return states?.FirstOrDefault()?.OrchestrationInstance?.ExecutionId == instance.ExecutionId;
    }

    public async Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var states = await service.GetOrchestrationStateAsync(orderId.Value, allExecutions: false);
        var state = states?.FirstOrDefault();
        if (state?.OrchestrationInstance is null)
        {
            return null;
        }

        return new OrderInstance(
            orderId,
            StatusOf(state.OrchestrationStatus),
            Utc(state.CreatedTime),
            Utc(state.LastUpdatedTime),
            state.Input,
            state.Status,
            state.Output,
            state.FailureDetails?.ErrorMessage);
    }

    public async Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var states = await service.GetOrchestrationStateAsync(orderId.Value, allExecutions: false, fetchInput: false);
        return states?.FirstOrDefault() is { OrchestrationInstance: not null } state ? StatusOf(state.OrchestrationStatus) : null;
    }

    public Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken) =>
        service.SendTaskOrchestrationMessageAsync(new TaskMessage
        {
            OrchestrationInstance = new OrchestrationInstance { InstanceId = orderId.Value },
            Event = new EventRaisedEvent(-1, JsonSerializer.Serialize(payload, payload.GetType(), ServiceOrdersJson.Options))
            {
                Name = eventName,
                ParentTraceContext = OrderTraceContext.Of(Activity.Current),
            },
        });

    static EngineStatus StatusOf(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending => EngineStatus.Pending,
        OrchestrationStatus.Running or OrchestrationStatus.ContinuedAsNew => EngineStatus.Running,
        OrchestrationStatus.Completed => EngineStatus.Completed,
        OrchestrationStatus.Failed => EngineStatus.Failed,
        OrchestrationStatus.Suspended => EngineStatus.Suspended,
        _ => EngineStatus.Terminated,
    };

    static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable engine running on task hub {TaskHub} with {Partitions} partitions as worker {WorkerId} (leases of {LeaseInterval}, partition table read every {LeaseAcquireInterval})")]
    static partial void LogStarted(ILogger logger, string taskHub, int partitions, string workerId, TimeSpan leaseInterval, TimeSpan leaseAcquireInterval);
}
