namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// The reasons a person picks from when acting on an order (retry, skip, record done, cancel, assign, bulk actions); the
/// audit keeps the code. A closed list, so that reports can count them; the note carries the rest.
/// </summary>
public static class AuditReasons
{
    /// <summary>The crew confirmed, by phone or radio, what was done.</summary>
    public const string CrewConfirmed = "CrewConfirmed";

    /// <summary>The head-end operator confirmed the meter's state.</summary>
    public const string HeadEndConfirmed = "HeadEndConfirmed";

    /// <summary>A passing fault (outage, timeout) is over; trying again should work.</summary>
    public const string TransientFaultCleared = "TransientFaultCleared";

    /// <summary>The registry or the order's data was wrong and has been corrected.</summary>
    public const string DataCorrected = "DataCorrected";

    /// <summary>The customer or the CIS asked for it.</summary>
    public const string CustomerRequest = "CustomerRequest";

    /// <summary>Another order does (or did) the same work.</summary>
    public const string DuplicateOrder = "DuplicateOrder";

    /// <summary>Safety or access: the work must not go ahead.</summary>
    public const string SafetyOrAccess = "SafetyOrAccess";

    /// <summary>Taking the order over to work on it.</summary>
    public const string TakingOver = "TakingOver";

    /// <summary>None of the above; the note says why.</summary>
    public const string Other = "Other";

    /// <summary>Every reason code with its text, in the order a list shows them.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> All { get; } =
    [
        new(CrewConfirmed, "Crew confirmed the work"),
        new(HeadEndConfirmed, "Head-end operator confirmed the meter"),
        new(TransientFaultCleared, "Outage or timeout is over"),
        new(DataCorrected, "Data corrected"),
        new(CustomerRequest, "Customer or CIS request"),
        new(DuplicateOrder, "Duplicate order"),
        new(SafetyOrAccess, "Safety or access"),
        new(TakingOver, "Taking it over"),
        new(Other, "Other (see note)"),
    ];

    /// <summary>Whether <paramref name="code"/> is one of <see cref="All"/> (by exact code).</summary>
    public static bool IsKnown(string? code) => code is not null && All.Any(r => r.Key == code);
}
