using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Simulators;

/// <summary>How one simulated outside system behaves.</summary>
public sealed class SimulatedSystemOptions
{
    /// <summary>How long it takes to answer.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of work that fails (0 to 1).</summary>
    [Range(0.0, 1.0)]
    public double FailureRate { get; set; }
}

/// <summary>
/// Local stand-ins for the head-end and the field work system (section <c>Simulators</c>). They read the queues the
/// product sends work to and answer only through the product's public HTTP endpoints, as the real systems would.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Simulators";

    public bool Enabled { get; set; }

    [Required]
    public SimulatedSystemOptions HeadEnd { get; set; } = new() { Delay = TimeSpan.FromMilliseconds(500) };

    [Required]
    public SimulatedSystemOptions FieldCrew { get; set; } = new() { Delay = TimeSpan.FromSeconds(2) };

    /// <summary>Meters whose id starts with this never answer a command successfully: the head-end cannot reach them.</summary>
    public string UnreachableMeterPrefix { get; set; } = "UNREACHABLE";

    /// <summary>The API key the simulators send, as every outside system must; the standalone host gives them its first key unless set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How often an idle simulator looks at its queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
