using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Adapters.Admission;

/// <summary>
/// Admission control (section <c>Admission</c>): orders taken in by message wait in the pending store and are started
/// only while the orders in progress, over every host of the task hub, are fewer than <see cref="MaxOrdersInProgress"/>.
/// </summary>
public sealed class AdmissionOptions
{
    public const string SectionName = "Admission";

    /// <summary>
    /// The most orders in progress at once (orders started and neither ended nor in a long wait: crew, exception,
    /// deferral, service date). 0 turns admission control off: every valid message starts its order at once.
    /// </summary>
    [Range(0, 100_000)]
    public int MaxOrdersInProgress { get; set; } = 200;

    /// <summary>Pending orders one pump cycle starts at most (also the most the limit can be overshot by).</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Starts one pump sends to the engine at once.</summary>
    [Range(1, 64)]
    public int MaxConcurrentStarts { get; set; } = 16;

    /// <summary>How long the pump waits when nothing is pending or no slot is free (it wakes at once for a request taken in on its own host).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A ticket older than this no longer counts as an order in progress and is deleted: an order terminated by hand,
    /// or one whose end was never indexed, must not hold a slot for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan TicketLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The pump's lease: one host at a time starts pending orders; another takes over when the holder has not renewed
    /// it for this long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the waiting orders are counted for <c>GET /api/admission</c> and the gauges (a scan of the pending keys).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CountInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The table of pending orders, tickets and the pump's lease: by default the task hub's name followed by <c>Admission</c>.</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$", ErrorMessage = "Admission:TableName must be a table name.")]
    public string TableName { get; set; } = "ServiceOrdersAdmission";

    /// <summary>Whether admission control is on.</summary>
    public bool Enabled => MaxOrdersInProgress > 0;
}
