using System.Text.Json.Serialization;

namespace ServiceOrders.Adapters.HeadEnds;

[JsonConverter(typeof(JsonStringEnumConverter<HeadEndTransport>))]
public enum HeadEndTransport
{
    /// <summary>Commands go to a storage queue the head-end (or its adapter) reads.</summary>
    Queue,

    /// <summary>Commands are POSTed to the head-end's command endpoint.</summary>
    Http,
}

/// <summary>How to reach one head-end system (section <c>HeadEnds:{headEndId}</c>; <c>default</c> for meters without one).</summary>
public sealed class HeadEndEndpoint
{
    public HeadEndTransport Transport { get; set; } = HeadEndTransport.Queue;

    /// <summary>The queue of a queue transport.</summary>
    public string Queue { get; set; } = "headend-commands";

    /// <summary>The command endpoint of an HTTP transport; the command is POSTed as JSON with an Idempotency-Key header.</summary>
    public Uri? Url { get; set; }

    /// <summary>A key the head-end expects, sent in <see cref="ApiKeyHeader"/>.</summary>
    public string? ApiKey { get; set; }

    public string ApiKeyHeader { get; set; } = "x-api-key";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
