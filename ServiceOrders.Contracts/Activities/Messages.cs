using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Activities;

/// <summary>
/// Work sent to the field work system, as JSON on the <c>field-dispatches</c> queue. <see cref="ActivityId"/> is the
/// idempotency key and the key of the crew's completion. <see cref="Contact"/> is who to meet on site: personal data,
/// carried to the crew and never logged.
/// </summary>
/// <param name="ActivityId">The activity's id, <c>{orderId}.{step}</c>; the crew reports on <c>POST /api/field-activities/{activityId}/completion</c>. A dispatch sent twice carries the same id.</param>
/// <param name="OrderId">The order (the CIS request id) the work belongs to.</param>
/// <param name="Kind">What to do: one of the field activities of <see cref="ActivityKind"/>.</param>
/// <param name="ServicePointId">Where.</param>
/// <param name="Commodity">What the service point delivers.</param>
/// <param name="MeterId">The meter registered at the service point; null when none is.</param>
/// <param name="MeterToInstall">For <c>InstallMeter</c> and <c>ExchangeMeter</c>, the meter the request named; otherwise null, and null when the request named none (the crew reports what it installed).</param>
/// <param name="DueBy">When the order stops waiting for the completion (ISO 8601 with offset); a later completion is ignored.</param>
/// <param name="Contact">Who to meet on site, as the request gave it; null when it gave none.</param>
/// <param name="Emergency">The request was marked as an emergency.</param>
/// <param name="ReadKind">For a <c>FieldRead</c>: the kind of reading the order needs (<c>Interval</c>: the meter's interval data); null otherwise.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the order's trace at the moment this was sent; send it back with the answer to put the answer in the same trace. Absent when tracing is off.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with <paramref name="TraceParent"/>; absent when empty.</param>
public sealed record FieldDispatch(
    FieldActivityId ActivityId,
    OrderId OrderId,
    ActivityKind Kind,
    ServicePointId ServicePointId,
    Commodity Commodity,
    MeterId? MeterId,
    MeterFound? MeterToInstall,
    DateTimeOffset DueBy,
    Contact? Contact = null,
    bool Emergency = false,
    ReadKind? ReadKind = null,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null);

/// <summary>
/// A request to call off dispatched field work, as JSON on the <c>field-cancellations</c> queue. The crew may have done
/// the work already; its completion still says what it did.
/// </summary>
/// <param name="ActivityId">The dispatch's <see cref="FieldDispatch.ActivityId"/>; also this message's idempotency key.</param>
/// <param name="OrderId">The order the work belongs to.</param>
/// <param name="Reason">Why, for the crew: the CIS's cancel reason or the operator's decision.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the order's trace at the moment this was sent; send it back with the answer to put the answer in the same trace. Absent when tracing is off.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with <paramref name="TraceParent"/>; absent when empty.</param>
public sealed record FieldCancellation(FieldActivityId ActivityId, OrderId OrderId, string Reason,
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null);

/// <summary>
/// A command to a smart meter: JSON on the head-end's queue (default <c>headend-commands</c>) or POSTed to its URL with
/// the command id in <c>Idempotency-Key</c>, as <c>HeadEnds:{headEndId}</c> configures. <see cref="CommandId"/> is the
/// idempotency key and the correlation key of the head-end's answer.
/// </summary>
/// <param name="CommandId">The activity's id, <c>{orderId}.{step}</c>; the head-end answers on <c>POST /api/headend/commands/{commandId}/result</c> or the <c>headend-results</c> queue. A retried command gets a new id.</param>
/// <param name="OrderId">The order the command belongs to.</param>
/// <param name="Kind">One of the head-end commands of <see cref="ActivityKind"/>.</param>
/// <param name="MeterId">The meter to command.</param>
/// <param name="ReasonCode">Why, after MultiSpeak's reason codes: see <see cref="CommandReasons.For"/>.</param>
/// <param name="ExpiresAt">When the order stops waiting for the answer; the head-end should not carry it out later.</param>
/// <param name="HeadEndId">The head-end system that reaches the meter (the meter's <see cref="Meter.HeadEndId"/>).</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the order's trace at the moment this was sent; send it back with the answer to put the answer in the same trace. Absent when tracing is off.</param>
/// <param name="TraceState">The W3C <c>tracestate</c> that goes with <paramref name="TraceParent"/>; absent when empty.</param>
public sealed record HeadEndCommand(
    CommandId CommandId,
    OrderId OrderId,
    ActivityKind Kind,
    MeterId MeterId,
    string ReasonCode,
    DateTimeOffset ExpiresAt,
    string HeadEndId = "default",
    [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceParent = null,
    [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TraceState = null);

/// <summary>How a crew's field activity ended. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CompletionCode>))]
public enum CompletionCode
{
    /// <summary>The work was done; the completion says what was found.</summary>
    Completed,

    /// <summary>The work was not done (refused, not found, unsafe); the remarks say why.</summary>
    NotDone,

    /// <summary>The crew could not get to the meter or the service point.</summary>
    CannotAccess,

    /// <summary>The crew called the work off, usually after a <see cref="FieldCancellation"/>.</summary>
    Cancelled,
}

/// <summary>
/// A crew's report that a field activity is finished: the body of <c>POST /api/field-activities/{activityId}/completion</c>,
/// and of an operator's <c>RecordDone</c>. Every field but <see cref="Code"/> may be left out; what is given changes the
/// registered service point.
/// </summary>
/// <param name="Code">How the work ended; anything but <c>Completed</c> counts as not done.</param>
/// <param name="Crew">Who did it: 1 to 64 characters, no control characters.</param>
/// <param name="CompletedAt">When the work was finished; no more than ten years back or a day ahead.</param>
/// <param name="Switch">The switch or valve position the crew left.</param>
/// <param name="Readings">Readings taken on site, at most 1,000.</param>
/// <param name="InstalledMeter">The meter the crew put in (install, exchange).</param>
/// <param name="RemovedMeterId">The meter the crew took out (remove, exchange).</param>
/// <param name="Remarks">Free text for the order's timeline and operators, at most 2,000 characters; for a work not done, why.</param>
public sealed record FieldCompletion(
    CompletionCode Code,
    string? Crew = null,
    DateTimeOffset? CompletedAt = null,
    SwitchState? Switch = null,
    IReadOnlyList<Reading>? Readings = null,
    MeterFound? InstalledMeter = null,
    string? RemovedMeterId = null,
    string? Remarks = null);

/// <summary>What a head-end says of a command. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommandOutcome>))]
public enum CommandOutcome
{
    /// <summary>The head-end took the command; the final answer follows.</summary>
    Accepted,

    /// <summary>The meter did what was asked; the result may carry the switch state and readings.</summary>
    Succeeded,

    /// <summary>The meter could not be reached or did not do it; the order retries with back-off, then sends a crew.</summary>
    Failed,

    /// <summary>The head-end refuses the command (unknown meter, not allowed); the order sends a crew at once.</summary>
    Rejected,

    /// <summary>The command was not carried out before it expired; treated as a timeout.</summary>
    Expired,
}

/// <summary>
/// A head-end's answer to a command: the body of <c>POST /api/headend/commands/{commandId}/result</c>, or the
/// <c>result</c> of <c>{ commandId, result }</c> on the <c>headend-results</c> queue. A head-end may answer
/// <c>Accepted</c> first, then once with a final outcome.
/// </summary>
/// <param name="Outcome">What became of the command.</param>
/// <param name="Switch">The switch position the meter reports, after a connect or disconnect.</param>
/// <param name="Readings">Readings the meter returned, at most 1,000.</param>
/// <param name="Error">For an outcome other than <c>Succeeded</c>, why, at most 2,000 characters; shown in the timeline.</param>
public sealed record HeadEndResult(
    CommandOutcome Outcome,
    SwitchState? Switch = null,
    IReadOnlyList<Reading>? Readings = null,
    string? Error = null)
{
    /// <summary>Whether this is the command's last answer: any outcome but <c>Accepted</c>. Not serialized.</summary>
    [JsonIgnore]
    public bool IsFinal => Outcome != CommandOutcome.Accepted;
}
