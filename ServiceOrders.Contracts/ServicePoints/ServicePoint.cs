using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.ServicePoints;

/// <summary>A meter as the registry knows it.</summary>
/// <param name="MeterId">The meter's serial number.</param>
/// <param name="Class">Smart, AMR or manual.</param>
/// <param name="Commissioned">Whether the head-end knows the meter and accepts commands for it (smart meters only).</param>
/// <param name="Switch">The switch or valve position last reported.</param>
/// <param name="IntervalCapable">Whether the meter records interval data (load profile).</param>
/// <param name="HeadEndId">The head-end system that reaches the meter; commands are paced per head-end.</param>
public sealed record Meter(
    string MeterId,
    MeterClass Class,
    bool Commissioned,
    SwitchState Switch,
    bool IntervalCapable = false,
    string HeadEndId = Meter.DefaultHeadEnd)
{
    public const string DefaultHeadEnd = "default";

    [JsonIgnore]
    public bool AcceptsCommands => Class == MeterClass.Smart && Commissioned;

    [JsonIgnore]
    public bool ReadsRemotely => Class == MeterClass.Amr || (Class == MeterClass.Smart && Commissioned);
}

/// <summary>A register or interval reading taken by a crew or a head-end.</summary>
public sealed record Reading(string Register, decimal Value, string Unit, DateTimeOffset TakenAt, ReadKind Kind = ReadKind.Scalar);

/// <summary>
/// The state of a service point: where a commodity is delivered and measured. The registry holds it; an order
/// reads it before every decision and every activity report changes it through the domain's <c>ServicePointTransitions.Apply</c>.
/// </summary>
public sealed record ServicePoint(
    string ServicePointId,
    Commodity Commodity,
    Meter? Meter,
    Reading? LastReading = null,
    bool Unmetered = false,
    SwitchState ItemSwitch = SwitchState.Unknown)
{
    /// <summary>Service flows when the meter's switch or valve is closed, or, for an unmetered item, when it is switched on.</summary>
    [JsonIgnore]
    public bool IsOn => Switch == SwitchState.Connected;

    /// <summary>The switch that decides whether service flows: the meter's, or the unmetered item's own.</summary>
    [JsonIgnore]
    public SwitchState Switch => Unmetered ? ItemSwitch : Meter?.Switch ?? SwitchState.Unknown;
}

/// <summary>A meter a crew found or installed at the service point.</summary>
public sealed record MeterFound(string MeterId, MeterClass Class, bool IntervalCapable = false);
