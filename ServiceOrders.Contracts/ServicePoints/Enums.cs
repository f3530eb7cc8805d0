using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.ServicePoints;

[JsonConverter(typeof(JsonStringEnumConverter<Commodity>))]
public enum Commodity
{
    Electric,
    Gas,
    Water,
}

/// <summary>Smart meters take commands through a head-end; AMR meters are read remotely but take no commands; manual meters need a crew for everything.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeterClass>))]
public enum MeterClass
{
    Smart,
    Amr,
    Manual,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReadKind>))]
public enum ReadKind
{
    Scalar,
    Interval,
}

/// <summary>The state of the meter's switch (electric) or valve (gas, water).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SwitchState>))]
public enum SwitchState
{
    Unknown,
    Connected,
    Disconnected,
    /// <summary>Remote connect armed; the customer closes the switch at the meter.</summary>
    Armed,
}
