using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// The state of the operation at a glance: <c>GET /api/overview</c>, what the console's first page shows and refreshes.
/// Counts come from the read model; times are UTC, <see cref="TimeZone"/> names the utility's zone for "today".
/// </summary>
/// <param name="At">When the figures were taken.</param>
/// <param name="TimeZone">The utility's IANA time zone (e.g. <c>America/Chicago</c>): "today" and cut days are its days.</param>
/// <param name="Open">Orders not ended, by request type and status (<c>Open</c> or <c>Exception</c>); types with none left out.</param>
/// <param name="ExceptionAges">Orders in exception by age band (the configured SLA zones), youngest band first; every band, zero included.</param>
/// <param name="CutsByDay">Deferred and scheduled disconnects by day and rule, from today on.</param>
/// <param name="Today">Orders that ended today (in <see cref="TimeZone"/>).</param>
/// <param name="HeadEnds">Each head-end's commands over the last hour.</param>
/// <param name="Crews">Each field work system's activities over the last hour.</param>
/// <param name="IntakeWaiting">Requests received and not yet started (waiting for admission or on the intake queue).</param>
/// <param name="WebhookBacklog">Webhook deliveries waiting to be sent or retried.</param>
public sealed record OperationsOverview(
    DateTimeOffset At,
    string TimeZone,
    IReadOnlyList<OpenOrderCount> Open,
    IReadOnlyList<AgeBandCount> ExceptionAges,
    IReadOnlyList<CutDay> CutsByDay,
    EndedToday Today,
    IReadOnlyList<PartnerHealth> HeadEnds,
    IReadOnlyList<PartnerHealth> Crews,
    int IntakeWaiting,
    int WebhookBacklog);

/// <summary>How many orders of one request type stand in one status.</summary>
/// <param name="RequestType">What was requested.</param>
/// <param name="Status"><c>Open</c> or <c>Exception</c>.</param>
/// <param name="Count">How many.</param>
public sealed record OpenOrderCount(RequestType RequestType, OrderStatus Status, int Count);

/// <summary>Orders in exception for at least <see cref="FromHours"/> and less than <see cref="ToHours"/>.</summary>
/// <param name="Label">The band as shown, e.g. <c>1–4 h</c>.</param>
/// <param name="FromHours">Lower bound, inclusive.</param>
/// <param name="ToHours">Upper bound, exclusive; null for the last band.</param>
/// <param name="Zone">The SLA zone: <c>ok</c>, <c>watch</c>, <c>late</c> or <c>breach</c>, for colouring.</param>
/// <param name="Count">How many.</param>
public sealed record AgeBandCount(string Label, double FromHours, double? ToHours, string Zone, int Count);

/// <summary>Disconnects planned for one day under one rule.</summary>
/// <param name="Date">The day, in the utility's time zone.</param>
/// <param name="Rule">The deferral rule that holds them (e.g. <c>NoCutsOnFriday</c>), or <c>Scheduled</c> for a requested date.</param>
/// <param name="Deferred">Held by the rule until that day.</param>
/// <param name="Scheduled">Asked for that day by the CIS.</param>
public sealed record CutDay(DateOnly Date, string Rule, int Deferred, int Scheduled);

/// <summary>Orders that ended today, by how.</summary>
/// <param name="Completed">Goal reached.</param>
/// <param name="Failed">Goal not reached.</param>
/// <param name="Cancelled">Called off.</param>
/// <param name="Rejected">Refused.</param>
public sealed record EndedToday(int Completed, int Failed, int Cancelled, int Rejected);

/// <summary>How one head-end or field work system did over the last hour.</summary>
/// <param name="Name">The head-end (e.g. <c>HES-1</c>) or field work system.</param>
/// <param name="Sent">Commands or dispatches sent.</param>
/// <param name="Succeeded">Answered with success.</param>
/// <param name="Failed">Answered with failure, rejected, expired or timed out.</param>
/// <param name="SuccessRate">Succeeded ÷ answered, 0 to 1; null when nothing was answered.</param>
/// <param name="P50Seconds">Median time from sending to the answer; null when nothing was answered.</param>
/// <param name="P95Seconds">95th percentile of that time; null when nothing was answered.</param>
public sealed record PartnerHealth(string Name, int Sent, int Succeeded, int Failed, double? SuccessRate, double? P50Seconds, double? P95Seconds);
