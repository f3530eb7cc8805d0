namespace ServiceOrders.AppHost;

/// <summary>The operator console as <c>./run.sh</c> starts it: its port and the people of its development sign-in, one per role mix.</summary>
public static class DevelopmentConsole
{
    public const int Port = 7072;

    /// <summary>An operator, a supervisor who also approves, a reader and an administrator (<c>Console:DevelopmentUsers</c>).</summary>
    public const string Users = "dana:Reader,Operator;ali:Reader,Operator,Approver;rita:Reader;sam:Reader,Operator,Approver,Admin";

    /// <summary>
    /// Where the console links an order's trace: the dashboard's traces, filtered on the order id every span of the order
    /// carries (<c>serviceorders.order_id</c>). <paramref name="dashboardUrls"/> is the dashboard's <c>ASPNETCORE_URLS</c>;
    /// without it, no link.
    /// </summary>
    public static string TraceUrlTemplate(string? dashboardUrls) =>
        dashboardUrls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } dashboard
            ? $"{dashboard.TrimEnd('/')}/traces?filters=serviceorders.order_id%3Aequals%3A{{orderId}}"
            : "";
}
