using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Orders;

/// <summary>What the requesting system (the CIS) asks the utility to do at a service point.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestType>))]
public enum RequestType
{
    EnableService,
    DisableService,
    CutForNonPayment,
    ReconnectForPayment,
    ExchangeMeter,
    InstallMeter,
    RemoveMeter,
    ReadMeter,
    DeviceStatusCheck,
    Investigate,
    BackToBack,
    EnableUnmeteredItem,
    DisableUnmeteredItem,
}
