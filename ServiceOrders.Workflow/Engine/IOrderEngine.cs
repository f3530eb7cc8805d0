using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Workflow.Engine;

/// <summary>An order's orchestration as the engine stores it; payloads stay serialized until the API reads them.</summary>
public sealed record OrderInstance(
    OrderId OrderId,
    EngineStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? SerializedInput,
    string? SerializedProgress,
    string? SerializedOutput,
    string? FailureMessage)
{
    public bool HasEnded => IsEnded(Status);

    /// <summary>Completed, failed or terminated: the order takes no more events.</summary>
    public static bool IsEnded(EngineStatus status) => status is EngineStatus.Completed or EngineStatus.Failed or EngineStatus.Terminated;
}

/// <summary>
/// The client side of the durable engine, as the API needs it. Each host implements it over its own engine client:
/// the Functions app over the Durable Functions client, the standalone host over the Azure Storage provider.
/// </summary>
public interface IOrderEngine
{
    /// <summary>Starts the orchestration of an order. Returns false, starting nothing, when an order with this id exists.</summary>
    Task<bool> StartAsync(OrderId orderId, object input, CancellationToken cancellationToken);

    Task<OrderInstance?> GetAsync(OrderId orderId, CancellationToken cancellationToken);

    /// <summary>Where an order's orchestration stands, without reading its input and output: for the hot path of answers.</summary>
    Task<EngineStatus?> GetStatusAsync(OrderId orderId, CancellationToken cancellationToken);

    Task RaiseEventAsync(OrderId orderId, string eventName, object payload, CancellationToken cancellationToken);
}
