using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// The runtime status of an order's orchestration, whichever engine hosts it (<see cref="OrderView.RuntimeStatus"/>).
/// Travels by name. How the order itself ended is <see cref="OrderView.Outcome"/>: an order that was rejected or
/// failed still completes its orchestration.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<EngineStatus>))]
public enum EngineStatus
{
    /// <summary>Accepted, not started yet.</summary>
    Pending,

    /// <summary>Under way, including while it waits for a crew, a head-end, a date or a person.</summary>
    Running,

    /// <summary>Ended with an outcome: see <see cref="OrderView.Outcome"/>.</summary>
    Completed,

    /// <summary>The orchestration itself broke (a defect); <see cref="OrderView.Detail"/> carries the engine's message.</summary>
    Failed,

    /// <summary>Stopped by an administrator through the engine, without an outcome.</summary>
    Terminated,

    /// <summary>Paused by an administrator through the engine.</summary>
    Suspended,
}
