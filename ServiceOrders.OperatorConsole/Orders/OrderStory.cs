using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Configuration;

namespace ServiceOrders.OperatorConsole.Orders;

/// <summary>An order told in words: what it is for, and where it stands and why, from its <see cref="OrderView"/>.</summary>
public static class OrderStory
{
    /// <summary>What the request asks for.</summary>
    public static string Purpose(RequestType? type) => type switch
    {
        RequestType.EnableService => "Move-in: a meter in place, service on, and a start reading.",
        RequestType.DisableService => "Move-out: a final reading and, where the policy says so, service off.",
        RequestType.CutForNonPayment => "Cut for non-payment: service off with a reading, within the disconnect rules.",
        RequestType.ReconnectForPayment => "Reconnect after payment: service on, with a reading.",
        RequestType.ExchangeMeter => "Meter exchange: the registered meter replaced, service back on if it was on.",
        RequestType.InstallMeter => "Meter installation where there is none, with a first reading.",
        RequestType.RemoveMeter => "Meter removal, with a final reading.",
        RequestType.ReadMeter => "A special meter read, remote where possible.",
        RequestType.DeviceStatusCheck => "A check that the smart meter answers.",
        RequestType.Investigate => "An inspection of the service point by a crew.",
        RequestType.BackToBack => "Change of customer at a service point that stays on: one reading.",
        RequestType.EnableUnmeteredItem => "An unmetered item (street light, sign) switched on.",
        RequestType.DisableUnmeteredItem => "An unmetered item (street light, sign) switched off.",
        null => "Unknown: the engine's record of the request cannot be read.",
        _ => type.ToString()!,
    };

    /// <summary>Where the order stands, as one short word for a badge.</summary>
    public static string Standing(OrderView order) => order.Outcome is { } outcome
        ? outcome.ToString()
        : order.RuntimeStatus switch
        {
            EngineStatus.Running or EngineStatus.Pending => order.Phase == OrderPhase.Exception ? "Exception" : "Open",
            _ => order.RuntimeStatus.ToString(),
        };

    /// <summary>Why the order waits (or how it ended), in a sentence, with times in the utility's zone.</summary>
    public static string WhyItWaits(OrderView order, ConsoleClock clock)
    {
        if (order.Outcome is { } outcome)
        {
            return $"Ended {outcome.ToString().ToLowerInvariant()}" + (order.Detail is null ? "." : $": {order.Detail}");
        }

        if (order.RuntimeStatus is EngineStatus.Failed or EngineStatus.Terminated)
        {
            return $"The engine stopped the order ({order.RuntimeStatus})" + (order.Detail is null ? "." : $": {order.Detail}");
        }

        var activity = order.CurrentActivity is { } kind ? Name(kind) : "an activity";
        var since = SinceOf(order);
        var sinceText = since is { } at ? $" since {clock.FormatWithZone(at)}" : "";
        var until = order.WaitingUntil is { } end ? clock.FormatWithZone(end) : null;
        return order.Phase switch
        {
            OrderPhase.Exception when order.Exception is { } exception =>
                $"Waiting for a person since {clock.FormatWithZone(exception.Since)}: {exception.ReasonCode}, {exception.Detail}"
                + (exception.StuckActivity is { } stuck ? $" (stuck on {Name(stuck)})." : "."),
            OrderPhase.Exception => "Waiting for a person.",
            OrderPhase.WaitingForCrew =>
                $"Waiting for the crew to {activity} ({order.CurrentActivityId}){sinceText}" + (until is null ? "." : $", deadline {until}."),
            OrderPhase.WaitingForHeadEnd =>
                $"Waiting for the head-end to {activity}{HeadEndOf(order)}{sinceText}, try {TryOf(order)}" + (until is null ? "." : $", deadline {until}."),
            OrderPhase.WaitingForWindow => WindowText(order, until),
            OrderPhase.WaitingForServiceDate => until is null ? "Waiting for its service date." : $"Waiting for its service date, {until}.",
            OrderPhase.WaitingForConflict => $"Waiting for a conflicting order at the same service point to end{DetailOf(order, TimelineEvent.WaitingForConflict)}.",
            OrderPhase.Replying => "The outcome is decided; the CIS and subscribers are being told.",
            OrderPhase.Evaluating when Last(order) is { Event: TimelineEvent.RetryScheduled } retry =>
                $"A failed command will be tried again" + (until is null ? "" : $" at {until}") + (retry.Detail is null ? "." : $": {retry.Detail}."),
            OrderPhase.Evaluating => "Checking the request and deciding the next step.",
            null => "Accepted; not started yet.",
            _ => order.Phase.ToString()!,
        };
    }

    /// <summary>An activity kind in words, e.g. <c>RemoteDisconnect</c> becomes <c>remote disconnect</c>.</summary>
    public static string Name(ActivityKind kind)
    {
        var text = kind.ToString();
        var words = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString();
    }

    static TimelineEntry? Last(OrderView order) => order.Timeline.Count == 0 ? null : order.Timeline[^1];

    /// <summary>When the current activity was sent, or when the current wait began.</summary>
    static DateTimeOffset? SinceOf(OrderView order) =>
        order.CurrentActivityId is { } id
            ? order.Timeline.LastOrDefault(e => e.ActivityId == id && e.Event is TimelineEvent.Dispatched or TimelineEvent.CommandSent)?.At
            : Last(order)?.At;

    static int TryOf(OrderView order)
    {
        if (order.CurrentActivity is not { } kind)
        {
            return 1;
        }

        // Tries of this command since the order last went on after an exception.
        var start = order.Timeline.ToList().FindLastIndex(e => e.Event == TimelineEvent.OperatorAction) + 1;
        return Math.Max(1, order.Timeline.Skip(start).Count(e => e.Event == TimelineEvent.CommandSent && e.Kind == kind));
    }

    static string HeadEndOf(OrderView order) =>
        order.Timeline.LastOrDefault(e => e.ActivityId == order.CurrentActivityId && e.Event == TimelineEvent.CommandSent)?.Detail is { Length: > 0 } detail
            ? $" ({detail})"
            : "";

    static string DetailOf(OrderView order, TimelineEvent kind) =>
        order.Timeline.LastOrDefault(e => e.Event == kind)?.Detail is { Length: > 0 } detail ? $": {detail}" : "";

    static string WindowText(OrderView order, string? until)
    {
        var last = order.Timeline.LastOrDefault(e => e.Event is TimelineEvent.Deferred or TimelineEvent.Staggered);
        if (last is { Event: TimelineEvent.Staggered })
        {
            return "Waiting for its head-end's slot in a mass run" + (until is null ? "." : $", until {until}.");
        }

        var rule = last?.Detail is { Length: > 0 } detail ? $" by rule \"{detail}\"" : "";
        return $"Deferred{rule}" + (until is null ? "." : $" until {until}.");
    }
}
