using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Adapters.Webhooks;

/// <summary>Webhook subscriptions: which URLs are accepted, and how deliveries are sent and retried (section <c>Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The waits before the second, third, … try of a delivery, when none are configured.</summary>
    public static IReadOnlyList<TimeSpan> DefaultRetryDelays { get; } =
    [
        TimeSpan.FromSeconds(10),
        TimeSpan.FromSeconds(30),
        TimeSpan.FromMinutes(2),
        TimeSpan.FromMinutes(10),
        TimeSpan.FromHours(1),
    ];

    /// <summary>
    /// Whether a plain <c>http</c> URL is accepted when its host is loopback, for receivers on the same machine.
    /// Every other URL must be <c>https</c>. Off unless configured; the local settings turn it on.
    /// </summary>
    public bool AllowInsecureLoopback { get; set; }

    /// <summary>How long one delivery attempt may take, connection included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The wait before each retry; a delivery is tried once more than there are delays. Empty means
    /// <see cref="DefaultRetryDelays"/>. (Left empty by default because configuration binding appends to a list.)
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>Standalone host: how often the dispatcher looks at the delivery queue when it was empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Standalone host: deliveries in flight at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentDeliveries { get; set; } = 16;

    public IReadOnlyList<TimeSpan> EffectiveRetryDelays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    /// <summary>Retry delays a storage queue can hold back a message for (at most 7 days), at most 20 of them.</summary>
    public bool HasUsableRetryDelays() =>
        RetryDelays.Count <= 20 && RetryDelays.All(d => d >= TimeSpan.Zero && d <= WebhookQueue.MaxDelay);
}
