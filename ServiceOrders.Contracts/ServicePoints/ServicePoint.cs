using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.ServicePoints;

/// <summary>A meter as the registry knows it.</summary>
/// <param name="MeterId">The meter's serial number: an id of 1 to 64 letters, digits, '-' or '_'.</param>
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
    /// <summary>The head-end of a meter that names none: <c>default</c>.</summary>
    public const string DefaultHeadEnd = "default";

    /// <summary>Whether the head-end can command the meter: a commissioned smart meter. Not serialized.</summary>
    [JsonIgnore]
    public bool AcceptsCommands => Class == MeterClass.Smart && Commissioned;

    /// <summary>Whether the head-end can read the meter: an AMR meter, or a commissioned smart one. Not serialized.</summary>
    [JsonIgnore]
    public bool ReadsRemotely => Class == MeterClass.Amr || (Class == MeterClass.Smart && Commissioned);
}

/// <summary>A register or interval reading taken by a crew or a head-end.</summary>
/// <param name="Register">Which register or channel (e.g. <c>kWh</c>, <c>total</c>): 1 to 64 characters, no control characters.</param>
/// <param name="Value">The value read, as a JSON number.</param>
/// <param name="Unit">Its unit (e.g. <c>kWh</c>, <c>m3</c>, <c>ccf</c>): 1 to 64 characters, no control characters.</param>
/// <param name="TakenAt">When it was read (for an interval, the interval's end); no more than ten years back or a day ahead.</param>
/// <param name="Kind">A register value (<c>Scalar</c>) or an interval value.</param>
public sealed record Reading(string Register, decimal Value, string Unit, DateTimeOffset TakenAt, ReadKind Kind = ReadKind.Scalar);

/// <summary>
/// The state of a service point: where a commodity is delivered and measured. The registry holds it; an order
/// reads it before every decision and every activity report changes it through the domain's <c>ServicePointTransitions.Apply</c>.
/// The body and answer of <c>PUT</c> and <c>GET /api/service-points/{servicePointId}</c>, a row of the registry file, and the
/// final state in replies and notifications.
/// </summary>
/// <param name="ServicePointId">The service point's id: 1 to 64 letters, digits, '-' or '_'.</param>
/// <param name="Commodity">What it delivers.</param>
/// <param name="Meter">The meter installed; null when none is (or for an unmetered item).</param>
/// <param name="LastReading">The latest reading any order took; null when none.</param>
/// <param name="Unmetered">An unmetered item (street light, sign): no meter, switched by a crew.</param>
/// <param name="ItemSwitch">The unmetered item's switch; <c>Unknown</c> for a metered service point.</param>
/// <param name="LifeSupport">
/// Someone here depends on the supply (life support, medical necessity), as the registry knows it. A request's
/// <c>account.lifeSupport</c> says the same from the CIS; either one is enough to forbid a cut for non-payment. Written
/// only when true, so service points without it read as they always have.
/// </param>
public sealed record ServicePoint(
    string ServicePointId,
    Commodity Commodity,
    Meter? Meter,
    Reading? LastReading = null,
    bool Unmetered = false,
    SwitchState ItemSwitch = SwitchState.Unknown,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool LifeSupport = false)
{
    /// <summary>Service flows when the meter's switch or valve is closed, or, for an unmetered item, when it is switched on.</summary>
    [JsonIgnore]
    public bool IsOn => Switch == SwitchState.Connected;

    /// <summary>The switch that decides whether service flows: the meter's, or the unmetered item's own.</summary>
    [JsonIgnore]
    public SwitchState Switch => Unmetered ? ItemSwitch : Meter?.Switch ?? SwitchState.Unknown;
}

/// <summary>A meter a crew found or installed at the service point, or the one a request asks to install.</summary>
/// <param name="MeterId">Its serial number: an id of 1 to 64 letters, digits, '-' or '_'.</param>
/// <param name="Class">Smart, AMR or manual.</param>
/// <param name="IntervalCapable">Whether it records interval data.</param>
public sealed record MeterFound(string MeterId, MeterClass Class, bool IntervalCapable = false);
