using System.Text.Json;

namespace ServiceOrders.Cli.Integration;

/// <summary>
/// What the README promises of every event: a CloudEvents 1.0 document in structured mode with <c>specversion</c>
/// 1.0, <c>id</c> (the notification id), <c>type</c> <c>com.serviceorders.…</c>, <c>source</c>
/// <c>/serviceorders/orders/{orderId}</c>, <c>subject</c> the service point, <c>time</c>, <c>datacontenttype</c>
/// application/json and <c>data</c> the notification.
/// </summary>
internal static class CloudEventShape
{
    public const string TypePrefix = "com.serviceorders.";
    public const string OrderCompleted = TypePrefix + "serviceorder.completed";
    public const string ServicePointChanged = TypePrefix + "servicepoint.changed";

    public static string SourceOf(string orderId) => $"/serviceorders/orders/{Uri.EscapeDataString(orderId)}";

    /// <summary>The first thing wrong with the event, or null when it has every documented attribute.</summary>
    public static string? Problem(JsonElement e, string orderId, string servicePointId)
    {
        var id = e.Text("id");
        var what = id is null ? "an event" : $"event {id}";
        if (e.Text("specversion") is var version && version != "1.0")
        {
            return $"{what}: specversion is {version ?? "missing"}, not 1.0";
        }

        if (string.IsNullOrEmpty(id))
        {
            return "an event has no id";
        }

        if (e.Text("type") is not { } type || !type.StartsWith(TypePrefix, StringComparison.Ordinal))
        {
            return $"{what}: type {e.Text("type") ?? "missing"} does not start with {TypePrefix}";
        }

        if (e.Text("source") is var source && source != SourceOf(orderId))
        {
            return $"{what}: source is {source ?? "missing"}, not {SourceOf(orderId)}";
        }

        if (e.Text("subject") is var subject && subject != servicePointId)
        {
            return $"{what}: subject is {subject ?? "missing"}, not the service point";
        }

        if (!JsonFields.IsTimestamp(e.Text("time")))
        {
            return $"{what}: time is {e.Text("time") ?? "missing"}";
        }

        if (e.Text("datacontenttype") is var contentType && contentType != "application/json")
        {
            return $"{what}: datacontenttype is {contentType ?? "missing"}";
        }

        return e.Member("data", JsonValueKind.Object) is null ? $"{what}: data is not a JSON object" : null;
    }

    /// <summary>Whether two copies of an event (from different channels) say the same: attributes and data.</summary>
    public static string? Difference(JsonElement a, JsonElement b)
    {
        foreach (var name in new[] { "specversion", "id", "type", "source", "subject", "datacontenttype" })
        {
            if (a.Text(name) != b.Text(name))
            {
                return $"{name} {a.Text(name) ?? "missing"} vs {b.Text(name) ?? "missing"}";
            }
        }

        if (JsonFields.Timestamp(a.Text("time")) != JsonFields.Timestamp(b.Text("time")))
        {
            return $"time {a.Text("time")} vs {b.Text("time")}";
        }

        return a.Member("data", JsonValueKind.Object) is { } da && b.Member("data", JsonValueKind.Object) is { } db && JsonElement.DeepEquals(da, db)
            ? null
            : "data differs";
    }
}
