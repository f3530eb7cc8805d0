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

    public bool ExtendedSessions { get; set; }

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
