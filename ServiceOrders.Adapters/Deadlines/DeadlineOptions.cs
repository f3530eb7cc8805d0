using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Adapters.Deadlines;

/// <summary>How the deadlines of waits for head-ends and crews are swept (section <c>Deadlines</c>).</summary>
public sealed class DeadlineOptions
{
    public const string SectionName = "Deadlines";

    /// <summary>
    /// How often the board is read for deadlines that passed. An order hears its deadline at most this much late: keep
    /// it well below the shortest command deadline (<c>Orders:CommandDeadline</c>).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:05:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Deadlines taken in one read of the board; a sweep that filled it reads again at once.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>How long a sweep holds a deadline it is raising; a host stopped in between leaves it to the next sweep after this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:30:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(1);
}
