using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;

namespace ServiceOrders.Contracts.Orders;

/// <summary>What an order is doing now (<see cref="OrderProgress.Phase"/>, <see cref="Api.OrderView.Phase"/>). Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderPhase>))]
public enum OrderPhase
{
    /// <summary>Checking the request, reading the service point, deciding the next step, or waiting out a retry back-off.</summary>
    Evaluating,

    /// <summary>Waiting for a conflicting order on the same service point to end (<c>Orders:Conflicts = Wait</c>).</summary>
    WaitingForConflict,

    /// <summary>Waiting for the request's <c>requestedDate</c>; <c>POST /api/orders/{orderId}/update</c> moves it.</summary>
    WaitingForServiceDate,

    /// <summary>A cut held back by the disconnect rules, or a command waiting for its head-end's slot in a mass run.</summary>
    WaitingForWindow,

    /// <summary>Field work dispatched; waiting for the crew's completion.</summary>
    WaitingForCrew,

    /// <summary>Command sent; waiting for the head-end's final result.</summary>
    WaitingForHeadEnd,

    /// <summary>Waiting for a person: <c>POST /api/orders/{orderId}/actions</c> resolves it; see <see cref="OrderProgress.Exception"/>.</summary>
    Exception,

    /// <summary>The outcome is decided; the order list, the CIS and subscribers are being told.</summary>
    Replying,

    /// <summary>The order has ended.</summary>
    Ended,
}

/// <summary>What a <see cref="TimelineEntry"/> records. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimelineEvent>))]
public enum TimelineEvent
{
    /// <summary>The order started; the detail names the request type and service point.</summary>
    Received,

    /// <summary>The request passed the registry checks; the CIS got an <c>Acknowledged</c> reply.</summary>
    Acknowledged,

    /// <summary>The request was refused; the detail lists the reason codes.</summary>
    Rejected,

    /// <summary>Field work was sent to the crews.</summary>
    Dispatched,

    /// <summary>A command was sent to the head-end.</summary>
    CommandSent,

    /// <summary>The head-end answered <c>Accepted</c>; the final answer is awaited.</summary>
    CommandAccepted,

    /// <summary>An activity succeeded.</summary>
    Succeeded,

    /// <summary>A command failed, was rejected or expired; the detail is the head-end's error.</summary>
    Failed,

    /// <summary>A crew reported the work not done; the detail is the crew's remarks or code.</summary>
    NotDone,

    /// <summary>No final answer came before the activity's deadline.</summary>
    TimedOut,

    /// <summary>An answer or action that the order did not wait for (late, repeated, for another activity); it changed nothing.</summary>
    IgnoredMessage,

    /// <summary>The goal of the request was reached; the detail summarizes it.</summary>
    GoalReached,

    /// <summary>The order cannot go on and fails (a call kept failing, or too many decisions).</summary>
    Stuck,

    /// <summary>The final reply went to the CIS; the detail is the outcome.</summary>
    Replied,

    /// <summary>The order waits for a conflicting order; the detail names it.</summary>
    WaitingForConflict,

    /// <summary>The order waits for its service date; the detail gives it.</summary>
    WaitingForServiceDate,

    /// <summary>The CIS moved the service date.</summary>
    Rescheduled,

    /// <summary>The disconnect rules hold a cut back; the detail starts with a <see cref="DisconnectReasons"/> code.</summary>
    Deferred,

    /// <summary>A disconnect waits for its head-end's slot in a mass run.</summary>
    Staggered,

    /// <summary>A failed command will be tried again after a back-off.</summary>
    RetryScheduled,

    /// <summary>The order went to exceptions; the detail starts with the reason code.</summary>
    ExceptionRaised,

    /// <summary>An operator acted on the exception; the detail names the action, the operator and the note.</summary>
    OperatorAction,

    /// <summary>The CIS asked to cancel; the detail is the reason and who asked.</summary>
    CancelRequested,

    /// <summary>Dispatched field work was called off (<see cref="Activities.FieldCancellation"/>).</summary>
    CancelSent,

    /// <summary>Not recorded by the current release; kept so that every status ever published reads.</summary>
    Cancelled,

    /// <summary>
    /// A final answer to a step the order had not reached yet, kept for when it does: a run of the order that the engine
    /// discarded after a host was lost had already sent that step, and the outside system answered it.
    /// </summary>
    EarlyAnswerKept,

    /// <summary>The order reached a step whose final answer had come early, and took it instead of waiting again.</summary>
    EarlyAnswerTaken,
}

/// <summary>One thing that happened to an order.</summary>
/// <param name="At">When (the orchestration's clock, UTC).</param>
/// <param name="Event">What happened.</param>
/// <param name="ActivityId">The activity or command it concerns (<c>{orderId}.{step}</c>); null when none.</param>
/// <param name="Kind">The kind of activity it concerns; null when none.</param>
/// <param name="Detail">
/// Words for people; may hold texts from outside (crew remarks, head-end errors, operator notes, cancel reasons), clipped
/// to <see cref="OrderProgress.MaxDetailLength"/> in the published status. Null when the event says it all.
/// </param>
public sealed record TimelineEntry(
    DateTimeOffset At,
    TimelineEvent Event,
    string? ActivityId = null,
    ActivityKind? Kind = null,
    string? Detail = null);

/// <summary>Why an order waits for a person, as its status shows it.</summary>
/// <param name="ReasonCode">Why, as a <see cref="ReasonCodes"/> or <see cref="DisconnectReasons"/> code.</param>
/// <param name="Detail">Why, in words; clipped to <see cref="OrderProgress.MaxDetailLength"/> in the published status.</param>
/// <param name="StuckActivity">The activity the order could not get done; null when the order is stuck on none.</param>
/// <param name="Since">When the order went to exceptions.</param>
public sealed record ExceptionInfo(string ReasonCode, string Detail, ActivityKind? StuckActivity, DateTimeOffset Since);

/// <summary>
/// What an order shows while it runs: its phase, the activity it waits for, an open exception, and its timeline. The
/// orchestration publishes it as the instance's custom status, bounded by <see cref="Bounded"/>; the API shows it in
/// <see cref="Api.OrderView"/>.
/// </summary>
/// <param name="Phase">What the order is doing.</param>
/// <param name="Step">How many activity outcomes (done, failed, not done, timed out) the order has recorded.</param>
/// <param name="CurrentActivityId">The activity or command the order waits for; null when none.</param>
/// <param name="CurrentActivity">Its kind; null when none.</param>
/// <param name="Timeline">What happened, oldest first: the newest entries that fit the bound.</param>
/// <param name="Exception">Why the order waits for a person; null unless <paramref name="Phase"/> is <c>Exception</c>.</param>
/// <param name="WaitingUntil">When the current timed wait ends; null when the order waits for none.</param>
public sealed record OrderProgress(
    OrderPhase Phase,
    int Step,
    string? CurrentActivityId,
    ActivityKind? CurrentActivity,
    IReadOnlyList<TimelineEntry> Timeline,
    ExceptionInfo? Exception = null,
    DateTimeOffset? WaitingUntil = null)
{
    /// <summary>
    /// The most a status may take serialized with <see cref="Api.ServiceOrdersJson.Options"/>, in bytes. The engines
    /// refuse a custom status above 16 KB; this leaves half of that spare. The options escape every non-ASCII
    /// character, so bytes and UTF-16 characters count alike.
    /// </summary>
    public const int MaxSerializedBytes = 8 * 1024;

    /// <summary>The longest detail (and exception detail) a status shows, in characters, the ellipsis included.</summary>
    public const int MaxDetailLength = 256;

    /// <summary>The longest id or reason code a status shows; valid ids are far shorter and never clipped.</summary>
    public const int MaxIdLength = 128;

    /// <summary>What ends a clipped text.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// This status within <see cref="MaxSerializedBytes"/>, whatever its texts: each detail clipped to
    /// <see cref="MaxDetailLength"/> and each id to <see cref="MaxIdLength"/> (ending in <see cref="Ellipsis"/>), then
    /// the newest timeline entries that fit, the oldest giving way first. A status that fits already and has no long
    /// text is returned as it is. Pure and deterministic, so an orchestration may call it.
    /// </summary>
    /// <remarks>
    /// The status is a window on the order, not its record: the full account of what happened (every activity,
    /// answer, timer and operator action) is the order's history in the engine's task hub, which the engine replays;
    /// read it with the engine's tools. The order's view (<c>GET /api/orders/{orderId}</c>) shows this bounded timeline.
    /// </remarks>
    public OrderProgress Bounded()
    {
        // The usual status fits as it is: one serialization tells, instead of one per timeline entry on every publish.
        if (!HasOverlongText() && SerializedSize(this) <= MaxSerializedBytes)
        {
            return this;
        }

        var exception = Exception is { } open
            ? open with { ReasonCode = Clip(open.ReasonCode, MaxIdLength), Detail = Clip(open.Detail, MaxDetailLength) }
            : null;
        var envelope = this with { CurrentActivityId = ClipOrNull(CurrentActivityId, MaxIdLength), Exception = exception, Timeline = [] };

        // Compact JSON: the array's size is the sum of its entries' and the commas between them.
        var budget = MaxSerializedBytes - SerializedSize(envelope);
        var kept = new List<TimelineEntry>();
        var changed = exception != Exception || envelope.CurrentActivityId != CurrentActivityId;
        for (var i = Timeline.Count - 1; i >= 0; i--)
        {
            var entry = Timeline[i] is var original && (original.ActivityId?.Length > MaxIdLength || original.Detail?.Length > MaxDetailLength)
                ? original with { ActivityId = ClipOrNull(original.ActivityId, MaxIdLength), Detail = ClipOrNull(original.Detail, MaxDetailLength) }
                : original;
            var size = SerializedSize(entry) + (kept.Count > 0 ? 1 : 0);
            if (size > budget)
            {
                break;
            }

            budget -= size;
            kept.Add(entry);
            changed |= !ReferenceEquals(entry, original);
        }

        if (!changed && kept.Count == Timeline.Count)
        {
            return this;
        }

        kept.Reverse();
        return envelope with { Timeline = kept };
    }

    bool HasOverlongText() =>
        CurrentActivityId?.Length > MaxIdLength
        || Exception is { } open && (open.ReasonCode.Length > MaxIdLength || open.Detail.Length > MaxDetailLength)
        || Timeline.Any(e => e.ActivityId?.Length > MaxIdLength || e.Detail?.Length > MaxDetailLength);

    static int SerializedSize<T>(T value) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value, Api.ServiceOrdersJson.Options).Length;

    static string? ClipOrNull(string? text, int maxLength) => text is null ? null : Clip(text, maxLength);

    static string Clip(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Never cut a surrogate pair in two: half a character is not valid text.
        var cut = maxLength - Ellipsis.Length;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), Ellipsis);
    }
}
