using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.ServicePoints;

/// <summary>What a service point delivers. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Commodity>))]
public enum Commodity
{
    /// <summary>Electricity; a smart meter's switch can be opened and closed remotely.</summary>
    Electric,

    /// <summary>Gas; turning it on always needs a crew to relight appliances.</summary>
    Gas,

    /// <summary>Water.</summary>
    Water,
}

/// <summary>Smart meters take commands through a head-end; AMR meters are read remotely but take no commands; manual meters need a crew for everything. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeterClass>))]
public enum MeterClass
{
    /// <summary>Takes head-end commands (connect, disconnect, read, ping) once commissioned.</summary>
    Smart,

    /// <summary>Automated meter reading: read remotely, switched by a crew.</summary>
    Amr,

    /// <summary>Read and switched by a crew.</summary>
    Manual,
}

/// <summary>Which reading a read asks for. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReadKind>))]
public enum ReadKind
{
    /// <summary>The registers' current values.</summary>
    Scalar,

    /// <summary>Interval data (load profile); only from an interval-capable meter.</summary>
    Interval,
}

/// <summary>The state of the meter's switch (electric) or valve (gas, water), or of an unmetered item. Travels by name.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SwitchState>))]
public enum SwitchState
{
    /// <summary>Not known: no one has reported it.</summary>
    Unknown,

    /// <summary>Closed (valve open): service flows.</summary>
    Connected,

    /// <summary>Open (valve closed): no service.</summary>
    Disconnected,

    /// <summary>Remote connect armed; the customer closes the switch at the meter.</summary>
    Armed,
}
