using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Domain.Activities;

[JsonConverter(typeof(JsonStringEnumConverter<ActivityResult>))]
public enum ActivityResult
{
    Succeeded,
    Failed,

    /// <summary>The crew could not do the work (no access, refused, not found).</summary>
    NotDone,

    /// <summary>No answer before the activity's deadline.</summary>
    TimedOut,

    /// <summary>The head-end refused the command (unknown device, not allowed): trying again will not help.</summary>
    Rejected,
}

/// <summary>
/// What one activity did, in the product's own terms, whichever system reported it. It is the only input from which
/// the state of a service point changes, and the history of an order is the list of these.
/// </summary>
public sealed record ActivityReport(
    string ActivityId,
    ActivityKind Kind,
    ActivityResult Result,
    SwitchState? Switch = null,
    IReadOnlyList<Reading>? Readings = null,
    MeterFound? InstalledMeter = null,
    string? RemovedMeterId = null,
    string? Detail = null,
    bool ByOperator = false)
{
    [JsonIgnore]
    public bool Succeeded => Result == ActivityResult.Succeeded;

    [JsonIgnore]
    public IReadOnlyList<Reading> ReadingsOrEmpty => Readings ?? [];
}
