using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Orders;

[JsonConverter(typeof(JsonStringEnumConverter<OrderPhase>))]
public enum OrderPhase
{
    Evaluating,
    WaitingForConflict,
    WaitingForServiceDate,
    WaitingForWindow,
    WaitingForCrew,
    WaitingForHeadEnd,
    Exception,
    Replying,
    Ended,
}

[JsonConverter(typeof(JsonStringEnumConverter<TimelineEvent>))]
public enum TimelineEvent
{
    Received,
    Acknowledged,
    Rejected,
    Dispatched,
    CommandSent,
    CommandAccepted,
    Succeeded,
    Failed,
    NotDone,
    TimedOut,
    IgnoredMessage,
    GoalReached,
    Stuck,
    Replied,
    WaitingForConflict,
    WaitingForServiceDate,
    Rescheduled,
    Deferred,
    Staggered,
    RetryScheduled,
    ExceptionRaised,
    OperatorAction,
    CancelRequested,
    CancelSent,
    Cancelled,
}

public sealed record TimelineEntry(
    DateTimeOffset At,
    TimelineEvent Event,
    string? ActivityId = null,
    ActivityKind? Kind = null,
    string? Detail = null);

/// <summary>Why an order waits for a person, as its status shows it.</summary>
public sealed record ExceptionInfo(string ReasonCode, string Detail, ActivityKind? StuckActivity, DateTimeOffset Since);

/// <summary>What an order shows while it runs: its phase, the activity it waits for, an open exception, and its timeline.</summary>
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
