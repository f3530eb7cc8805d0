using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Host.Engine;

/// <summary>Settings of the Durable Task Framework's Azure Storage provider in the standalone host (section <c>Durable</c>).</summary>
/// <remarks>
/// Partitions are owned through the provider's partition table (<c>{TaskHubName}Partitions</c>, one row per control
/// queue with its owner and the time its lease expires). Every <see cref="LeaseAcquireInterval"/> each host reads the
/// table, renews the leases it holds by <see cref="LeaseInterval"/>, claims those that expired or are free, and asks for
/// its share when others hold more. A host that dies stops renewing: its partitions are taken over once their lease
/// expires (at most <see cref="LeaseInterval"/> after the kill) at the next read of another host (at most
/// <see cref="LeaseAcquireInterval"/> later); the messages it had taken reappear after the visibility timeouts.
/// </remarks>
public sealed class DurableEngineOptions : IValidatableObject
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
    /// How long an order's orchestration stays in memory waiting for its next event (with <see cref="ExtendedSessions"/>).
    /// A partition handed to another host is released only once its sessions have ended, so this is also how long a
    /// partition can stand still while hosts rebalance (when a host joins or comes back); the provider's default is 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a dequeued orchestration message stays hidden. A host that dies holding messages delays their orders
    /// by up to this long (the provider's default of 5 minutes would stall them that long). The engine renews it only
    /// while a work item runs; a message waiting in memory behind others (a burst of starts) is seen again once this
    /// runs out, read again and its first copy's work abandoned. At 10 s a busy emulator did that thousands of times
    /// per run and orders stood still for minutes; a minute leaves a wide margin.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The same for activity messages; the engine renews it while an activity runs.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:30:00")]
    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far each renewal pushes a partition's lease ahead; a dead host's partitions are free this long after its
    /// last renewal (the provider's default is 30 s). It must leave room for a renewal that waits
    /// <see cref="LeaseAcquireInterval"/> and then takes up to <see cref="PartitionTableOperationTimeout"/>; otherwise a
    /// busy storage lets leases lapse and hosts take partitions from each other.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:05:00")]
    public TimeSpan LeaseInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often each host reads the partition table: renews its leases, claims expired or free ones and balances
    /// partitions over the hosts (the provider's default is 10 s). The partitions of a dead host are claimed at most
    /// this long after their lease expired. Each read is one query of a table with a row per partition.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan LeaseAcquireInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Messages a partition may hold in memory before it stops fetching; the provider's default (256) when unset.</summary>
    [Range(1, 1000)]
    public int? ControlQueueBufferThreshold { get; set; }

    /// <summary>
    /// How long a read and write of the partition table may take before the worker gives up its partitions; the
    /// provider's default (2 s) when unset. A storage emulator under heavy load can exceed 2 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan? PartitionTableOperationTimeout { get; set; }

    /// <summary>The provider's own timeout of a partition table read and write, used when none is set.</summary>
    public static readonly TimeSpan ProviderPartitionTableOperationTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The longest a host may go between two renewals of a lease while its storage answers within the timeout.</summary>
    public TimeSpan LongestRenewalGap => LeaseAcquireInterval + (PartitionTableOperationTimeout ?? ProviderPartitionTableOperationTimeout);

    /// <summary>The longest a dead host's partitions wait for another host: its lease runs out, then another host reads the table.</summary>
    public TimeSpan LongestTakeover => LeaseInterval + LeaseAcquireInterval;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LongestRenewalGap > LeaseInterval)
        {
            yield return new ValidationResult(
                $"Durable:LeaseInterval ({LeaseInterval:c}) must be at least Durable:LeaseAcquireInterval plus Durable:PartitionTableOperationTimeout ({LongestRenewalGap:c}): otherwise a lease can lapse while its host is still renewing it, and hosts take partitions from each other",
                [nameof(LeaseInterval)]);
        }
    }
}
