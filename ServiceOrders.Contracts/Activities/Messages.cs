using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Activities;

/// <summary>
/// Work sent to the field work system. <see cref="ActivityId"/> is the idempotency key and the key of the crew's
/// completion. <see cref="Contact"/> is who to meet on site: personal data, carried to the crew and never logged.
/// </summary>
public sealed record FieldDispatch(
    string ActivityId,
    string OrderId,
    ActivityKind Kind,
    string ServicePointId,
    Commodity Commodity,
    string? MeterId,
    MeterFound? MeterToInstall,
    DateTimeOffset DueBy,
    Contact? Contact = null,
    bool Emergency = false);

/// <summary>A request to call off dispatched field work; <see cref="ActivityId"/> is the dispatch's key.</summary>
public sealed record FieldCancellation(string ActivityId, string OrderId, string Reason);

/// <summary>A command to a smart meter. <see cref="CommandId"/> is the idempotency key and the correlation key of the head-end's answer.</summary>
public sealed record HeadEndCommand(
    string CommandId,
    string OrderId,
    ActivityKind Kind,
    string MeterId,
    string ReasonCode,
    DateTimeOffset ExpiresAt,
    string HeadEndId = "default");

[JsonConverter(typeof(JsonStringEnumConverter<CompletionCode>))]
public enum CompletionCode
{
    Completed,
    NotDone,
    CannotAccess,
    Cancelled,
}

/// <summary>A crew's report that a field activity is finished, received through the crews' HTTP endpoint.</summary>
public sealed record FieldCompletion(
    CompletionCode Code,
    string? Crew = null,
    DateTimeOffset? CompletedAt = null,
    SwitchState? Switch = null,
    IReadOnlyList<Reading>? Readings = null,
    MeterFound? InstalledMeter = null,
    string? RemovedMeterId = null,
    string? Remarks = null);

[JsonConverter(typeof(JsonStringEnumConverter<CommandOutcome>))]
public enum CommandOutcome
{
    /// <summary>The head-end took the command; the final answer follows.</summary>
    Accepted,
    Succeeded,
    Failed,
    Rejected,
    Expired,
}

/// <summary>A head-end's answer to a command, received through the head-end callback endpoint.</summary>
public sealed record HeadEndResult(
    CommandOutcome Outcome,
    SwitchState? Switch = null,
    IReadOnlyList<Reading>? Readings = null,
    string? Error = null)
{
    [JsonIgnore]
    public bool IsFinal => Outcome != CommandOutcome.Accepted;
}
