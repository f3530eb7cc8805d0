namespace ServiceOrders.OperatorConsole.Exceptions;

/// <summary>How long an order has waited for a person, as an SLA zone for colouring: the same zones as the overview's age bands.</summary>
public static class ExceptionAge
{
    public static string ZoneOf(TimeSpan age) => age.TotalHours switch
    {
        < 1 => "ok",
        < 4 => "watch",
        < 24 => "late",
        _ => "breach",
    };

    /// <summary>The zone in words, so that colour is never the only sign.</summary>
    public static string Describe(string zone) => zone switch
    {
        "ok" => "under 1 h",
        "watch" => "1–4 h",
        "late" => "4–24 h",
        _ => "over 24 h",
    };
}
