using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Api;

/// <summary>The runtime status of an order's orchestration, whichever engine hosts it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EngineStatus>))]
public enum EngineStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Terminated,
    Suspended,
}
