using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Orders;

/// <summary>Why the disconnect rules holds back or forbids a cut for non-payment: stable codes for operators and reports.</summary>
public static class DisconnectReasons
{
    public const string LifeSupport = "LifeSupport";
    public const string Weekend = "Weekend";
    public const string Holiday = "Holiday";
    public const string DayBeforeHoliday = "DayBeforeHoliday";
    public const string DayBeforeWeekend = "DayBeforeWeekend";
    public const string BeforeWindow = "BeforeWindow";
    public const string AfterCutoff = "AfterCutoff";
    public const string WeatherHold = "WeatherHold";
    public const string WeatherUnknown = "WeatherUnknown";
    public const string DisconnectWindowExceeded = "DisconnectWindowExceeded";
    public const string NoDisconnectWindow = "NoDisconnectWindow";

    /// <summary>The policy cannot be applied (unknown time zone, a window that never opens, …): a configuration error.</summary>
    public const string InvalidPolicy = "InvalidPolicy";
}
