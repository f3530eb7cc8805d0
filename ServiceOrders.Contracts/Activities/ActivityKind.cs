using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Activities;

/// <summary>
/// Everything an order can ask for: field work done by a crew, or a command to a smart meter through its head-end
/// (see <see cref="ActivityKinds.ChannelOf"/>). Travels by name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
public enum ActivityKind
{
    // Field activities: sent as a FieldDispatch on the field-dispatches queue; a crew answers with a FieldCompletion.

    /// <summary>A crew installs the meter the request's <c>newMeter</c> names (or one it finds), usually reading it.</summary>
    InstallMeter,

    /// <summary>A crew takes the registered meter out, with a final reading if it can take one.</summary>
    RemoveMeter,

    /// <summary>A crew replaces the registered meter with a new one, reading both.</summary>
    ExchangeMeter,

    /// <summary>A crew turns service on where no remote connect can (and switches an unmetered item on); gas goes by <see cref="Relight"/>.</summary>
    TurnOn,

    /// <summary>A crew turns service off (or switches an unmetered item off).</summary>
    TurnOff,

    /// <summary>A crew cuts service for non-payment, after the disconnect rules allowed it.</summary>
    CutForNonPayment,

    /// <summary>A crew restores service after a cut (after payment, or undoing a cancelled cut) where no remote connect can.</summary>
    Reconnect,

    /// <summary>A crew reads the meter on site (and downloads interval data when that was asked for).</summary>
    FieldRead,

    /// <summary>A crew inspects the service point and reports its findings in the completion's remarks.</summary>
    Investigate,

    /// <summary>A crew opens the gas valve and relights the appliances: how gas service is always turned on or reconnected.</summary>
    Relight,

    // Head-end commands: sent as a HeadEndCommand (queue or HTTP, per head-end); the head-end answers with HeadEndResults.

    /// <summary>Commission a smart meter at the head-end, so that it takes commands.</summary>
    ActivateDevice,

    /// <summary>Close the meter's switch remotely (the head-end may answer <c>Armed</c>: the customer closes it).</summary>
    RemoteConnect,

    /// <summary>Open the meter's switch remotely.</summary>
    RemoteDisconnect,

    /// <summary>Check that the meter answers; used by device status checks.</summary>
    Ping,

    /// <summary>Read the meter's registers remotely.</summary>
    ReadScalar,

    /// <summary>Read the meter's interval data (load profile) remotely.</summary>
    ReadInterval,
}

/// <summary>Which outside system carries out an <see cref="ActivityKind"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityChannel>))]
public enum ActivityChannel
{
    /// <summary>Dispatched to the field work system; a crew reports completion.</summary>
    Field,

    /// <summary>Sent to the head-end system; it answers asynchronously.</summary>
    Command,
}

/// <summary>Facts about each <see cref="ActivityKind"/>.</summary>
public static class ActivityKinds
{
    /// <summary>The head-end commands go to the head-end (<see cref="ActivityChannel.Command"/>); everything else to a crew.</summary>
    public static ActivityChannel ChannelOf(ActivityKind kind) => kind switch
    {
        ActivityKind.ActivateDevice or ActivityKind.RemoteConnect or ActivityKind.RemoteDisconnect
            or ActivityKind.Ping or ActivityKind.ReadScalar or ActivityKind.ReadInterval => ActivityChannel.Command,
        _ => ActivityChannel.Field,
    };

    /// <summary>Whether the activity's purpose is a reading: <c>ReadScalar</c>, <c>ReadInterval</c> or <c>FieldRead</c>.</summary>
    public static bool IsRead(ActivityKind kind) =>
        kind is ActivityKind.ReadScalar or ActivityKind.ReadInterval or ActivityKind.FieldRead;
}
