using System.ComponentModel.DataAnnotations;
using ServiceOrders.Contracts.Queues;

namespace ServiceOrders.Adapters.Intake;

/// <summary>How the intake treats messages it cannot take now (section <c>Intake</c>), the same for every transport.</summary>
public sealed class IntakeOptions
{
    public const string SectionName = "Intake";

    /// <summary>Standalone host without Service Bus: the storage queue it takes requests from; set-aside messages go to <see cref="PoisonQueueName"/>.</summary>
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$", ErrorMessage = "Intake:QueueName must be a storage queue name of at most 56 characters.")]
    public string QueueName { get; set; } = QueueNames.ServiceOrderRequests;

    /// <summary>Where the storage queue transports put the messages they set aside.</summary>
    public string PoisonQueueName => QueueName + "-poison";

    /// <summary>
    /// Deliveries of one message before a transient failure is given up and the message dead-lettered (Service Bus) or
    /// moved to the poison queue (storage queue). Keep it at or below the Service Bus queue's own max delivery count.
    /// </summary>
    [Range(1, 100)]
    public int MaxDeliveryCount { get; set; } = 5;

    /// <summary>The wait before a message that met a transient failure is delivered again; it doubles with each delivery.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two deliveries of one message.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Storage queue transport: how long the listener waits when the queue is empty.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Storage queue transport: how long a received message stays invisible to other listeners while it is handled.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages handled at once by one host (storage queue batch size; Service Bus concurrent calls).</summary>
    [Range(1, 32)]
    public int MaxConcurrentMessages { get; set; } = 16;

    /// <summary>The wait before the delivery after <paramref name="deliveryCount"/>: doubling from <see cref="RetryDelay"/>, at most <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelayAfter(int deliveryCount)
    {
        var doublings = Math.Clamp(deliveryCount - 1, 0, 20);
        var delay = RetryDelay.TotalMilliseconds * Math.Pow(2, doublings);
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxRetryDelay.TotalMilliseconds));
    }
}
