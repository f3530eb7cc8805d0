using ServiceOrders.Cli.Local;

namespace ServiceOrders.Cli.Chaos;

/// <summary>How hard a fault-injection run pushes: how many orders at what rate, how often the host dies, how fast the outside systems answer.</summary>
internal sealed record ChaosSettings
{
    public int Orders { get; init; } = 500;

    /// <summary>Disk unless there are no storage restarts; memory only serves runs without them.</summary>
    public StorageMode Storage { get; init; } = StorageMode.Disk;

    /// <summary>Standalone hosts on the one task hub; kills take them in turn.</summary>
    public int Hosts { get; init; } = 1;

    /// <summary>SIGKILLs of a host, each followed by a restart.</summary>
    public int Kills { get; init; } = 5;

    /// <summary>Restarts of the storage (Azurite) while the host runs.</summary>
    public int StorageRestarts { get; init; } = 1;

    /// <summary>The share of requests the CIS sends a second time (a redelivery, or a CIS that resends).</summary>
    public double ResendShare { get; init; } = 0.1;

    /// <summary>Requests per second the CIS sends.</summary>
    public double FeedRate { get; init; } = 10;

    public int Seed { get; init; } = Environment.TickCount;

    public TimeSpan HeadEndDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan CrewDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the host runs before the next kill: a random time between these.</summary>
    public TimeSpan MinUptime { get; init; } = TimeSpan.FromSeconds(3);

    public TimeSpan MaxUptime { get; init; } = TimeSpan.FromSeconds(12);

    /// <summary>
    /// With several hosts, how long the hosts run between the restart of a killed one and the next kill: a random time
    /// between these. Long enough that a kill's partitions have been taken over (and their new owner has renewed them)
    /// before the next kill, so that each kill's recovery is its own.
    /// </summary>
    public TimeSpan MinUptimeSeveralHosts { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan MaxUptimeSeveralHosts { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How long the host stays dead after a kill, at most.</summary>
    public TimeSpan MaxDowntime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Once the faults are over, the run stops waiting when no order has ended for this long.</summary>
    public TimeSpan Stall { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The most the whole run may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);
}
