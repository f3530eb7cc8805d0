using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Host.Engine;

/// <summary>Settings of the Durable Task Framework's Azure Storage provider in the standalone host (section <c>Durable</c>).</summary>
public sealed class DurableEngineOptions
{
    public const string SectionName = "Durable";

    /// <summary>Letters and digits, 3 to 45 characters, starting with a letter. Hosts that share a task hub share the work.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$")]
    public string TaskHubName { get; set; } = "ServiceOrders";

    /// <summary>Control queue partitions; fixed when the task hub is created.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest an idle worker waits between polls of its queues.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 20;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>
    /// Keeps an order's orchestration in memory between its events (for the provider's idle timeout, 30 s), instead of
    /// reading its whole history back from the History table for every event. Orders answered within seconds run from
    /// memory; the History table is read far less (on Azurite, where a read scans the table, 36 % less time for 300 orders).
    /// </summary>
    public bool ExtendedSessions { get; set; } = true;

    /// <summary>
    /// How long a dequeued orchestration message stays hidden. A host that dies holding messages delays their orders
    /// by up to this long (the provider's default of 5 minutes would stall them that long); work items take
    /// milliseconds, so a minute leaves a wide margin.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The same for activity messages; the provider renews it while an activity runs.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages a partition may hold in memory before it stops fetching; the provider's default (256) when unset.</summary>
    [Range(1, 1000)]
    public int? ControlQueueBufferThreshold { get; set; }

    /// <summary>
    /// How long a read and write of the partition table may take before the worker gives up its partitions; the
    /// provider's default (2 s) when unset. A storage emulator under heavy load can exceed 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan? PartitionTableOperationTimeout { get; set; }
}
