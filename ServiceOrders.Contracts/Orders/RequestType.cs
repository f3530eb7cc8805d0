using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// What the requesting system (the CIS) asks the utility to do at a service point. Travels by name. Each type has a
/// goal; the order chooses the activities (remote commands where the meter takes them, crews otherwise) to reach it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestType>))]
public enum RequestType
{
    /// <summary>Move-in: a meter installed (and commissioned if smart), service on, and a start reading.</summary>
    EnableService,

    /// <summary>Move-out: a final reading and, where the policy says so, service off.</summary>
    DisableService,

    /// <summary>Cut for non-payment: service off with a reading at the cut, within the disconnect rules (life support, weather, calendar).</summary>
    CutForNonPayment,

    /// <summary>Reconnect after payment: service on, with a reading after the reconnection.</summary>
    ReconnectForPayment,

    /// <summary>The registered meter replaced by <c>newMeter</c> (or the one the crew installs), commissioned if smart, service back on if it was on.</summary>
    ExchangeMeter,

    /// <summary>A meter installed where there is none, commissioned if smart, with a first reading; service is not turned on.</summary>
    InstallMeter,

    /// <summary>The registered meter taken out, with a final reading if the crew brings one.</summary>
    RemoveMeter,

    /// <summary>A special read of the kind <c>readKind</c> asks for (scalar by default), remote where possible.</summary>
    ReadMeter,

    /// <summary>Whether a commissioned smart meter answers a ping; unreachable is a finding, not a failure.</summary>
    DeviceStatusCheck,

    /// <summary>A crew inspects the service point and reports findings; metered or not.</summary>
    Investigate,

    /// <summary>Change of customer at a service point that stays on: one reading, no interruption. Rejected if service is off.</summary>
    BackToBack,

    /// <summary>An unmetered item (street light, sign) switched on by a crew.</summary>
    EnableUnmeteredItem,

    /// <summary>An unmetered item switched off by a crew.</summary>
    DisableUnmeteredItem,
}
