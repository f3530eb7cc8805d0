using System.Text.Json.Serialization;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Activities;

/// <summary>Everything an order can ask for: field work done by a crew, or a command to a smart meter through its head-end.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    // Field activities
    InstallMeter,
    RemoveMeter,
    ExchangeMeter,
    TurnOn,
    TurnOff,
    CutForNonPayment,
    Reconnect,
    FieldRead,
    Investigate,
    Relight,

    // Head-end commands
    ActivateDevice,
    RemoteConnect,
    RemoteDisconnect,
    Ping,
    ReadScalar,
    ReadInterval,
}

[JsonConverter(typeof(JsonStringEnumConverter<ActivityChannel>))]
public enum ActivityChannel
{
    /// <summary>Dispatched to the field work system; a crew reports completion.</summary>
    Field,

    /// <summary>Sent to the head-end system; it answers asynchronously.</summary>
    Command,
}

public static class ActivityKinds
{
    public static ActivityChannel ChannelOf(ActivityKind kind) => kind switch
    {
        ActivityKind.ActivateDevice or ActivityKind.RemoteConnect or ActivityKind.RemoteDisconnect
            or ActivityKind.Ping or ActivityKind.ReadScalar or ActivityKind.ReadInterval => ActivityChannel.Command,
        _ => ActivityChannel.Field,
    };

    public static bool IsRead(ActivityKind kind) =>
        kind is ActivityKind.ReadScalar or ActivityKind.ReadInterval or ActivityKind.FieldRead;
}
