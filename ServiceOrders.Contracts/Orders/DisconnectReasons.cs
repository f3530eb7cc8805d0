namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// Why the disconnect rules hold back or forbid a cut for non-payment: stable codes for operators and reports. A code
/// that holds the cut back appears in a <c>Deferred</c> timeline entry; one that forbids it, or a hold that outlasts the
/// longest deferral, becomes the order's exception or failure reason code.
/// </summary>
public static class DisconnectReasons
{
    /// <summary>The account has life support: the cut is forbidden.</summary>
    public const string LifeSupport = "LifeSupport";

    /// <summary>No cuts on a weekend (in the utility's time zone).</summary>
    public const string Weekend = "Weekend";

    /// <summary>No cuts on a holiday.</summary>
    public const string Holiday = "Holiday";

    /// <summary>No cuts on the day before a holiday.</summary>
    public const string DayBeforeHoliday = "DayBeforeHoliday";

    /// <summary>No cuts on the day before a weekend.</summary>
    public const string DayBeforeWeekend = "DayBeforeWeekend";

    /// <summary>Earlier in the day than the disconnect window opens.</summary>
    public const string BeforeWindow = "BeforeWindow";

    /// <summary>Later in the day than the cut-off.</summary>
    public const string AfterCutoff = "AfterCutoff";

    /// <summary>The forecast is too cold or too hot for a cut.</summary>
    public const string WeatherHold = "WeatherHold";

    /// <summary>No usable forecast for the coming hours: the cut waits, and the weather is looked at again.</summary>
    public const string WeatherUnknown = "WeatherUnknown";

    /// <summary>The cut was, or would be, held back longer than the longest deferral allows.</summary>
    public const string DisconnectWindowExceeded = "DisconnectWindowExceeded";

    /// <summary>The calendar allows a cut on none of the coming days searched.</summary>
    public const string NoDisconnectWindow = "NoDisconnectWindow";

    /// <summary>The policy cannot be applied (unknown time zone, a window that never opens, …): a configuration error.</summary>
    public const string InvalidPolicy = "InvalidPolicy";
}
