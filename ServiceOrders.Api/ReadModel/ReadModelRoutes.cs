using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Api.ReadModel;

/// <summary>The read model's routes: the operations overview and the mass disconnect views, under <c>/api</c>.</summary>
public static class ReadModelRoutes
{
    public const string Tag = "Operations";

    public const string TagDescription = "Figures for the operator console and dashboards: the overview, admission control, a mass disconnect's progress, the calendar of cuts.";

    public static RouteGroupBuilder MapReadModel(this RouteGroupBuilder api)
    {
        api.MapGet("/overview", (ReadModelApi readModel, CancellationToken ct) => readModel.OverviewAsync(ct))
            .WithName("GetOverview")
            .WithTags(Tag)
            .WithSummary("The operations overview")
            .WithDescription("Open orders by request type and status, exceptions by age band, cuts by day, today's ended orders in the utility's time zone, "
                + "each head-end's and crew system's health over the last hour, and the intake and webhook backlogs. Taken at most every few seconds (Overview:CacheFor).")
            .Answers<OperationsOverview>(StatusCodes.Status200OK, "The figures.");

        api.MapGet("/admission", (ReadModelApi readModel, CancellationToken ct) => readModel.AdmissionAsync(ct))
            .WithName("GetAdmission")
            .WithTags(Tag)
            .WithSummary("Admission control")
            .WithDescription("The limit of orders in progress (Admission:MaxOrdersInProgress), the orders in progress over every host (started, and neither ended "
                + "nor waiting for a crew, a person, a deferral rule or a service date), and the requests taken in by message that wait to be started, by "
                + "priority (Restore, Start, Routine, Cut: highest first), with how long the oldest of each has waited. Waiting counts are taken at most every "
                + "Admission:CountInterval. With admission control off, enabled is false and the counts are 0.")
            .Answers<AdmissionStatus>(StatusCodes.Status200OK, "The figures.");

        api.MapGet("/mass-disconnects/progress", (HttpRequest req, ReadModelApi readModel, CancellationToken ct) => readModel.ProgressAsync(req, ct))
            .WithName("GetMassDisconnectProgress")
            .WithTags(Tag)
            .WithSummary("A mass disconnect's progress")
            .WithDescription("Disconnects received since a moment (a billing run's batch): waiting, running, completed, in exception, ended otherwise, and each head-end's pace.")
            .WithQueryParameter("since", "The start of the batch, ISO 8601, within the last 93 days (default: the start of today in the utility's time zone).", "date-time")
            .WithQueryParameter("requestingSystem", "Only disconnects sent by this system.")
            .Answers<MassDisconnectProgress>(StatusCodes.Status200OK, "The batch's figures.")
            .Problem(StatusCodes.Status400BadRequest, "A parameter is invalid; errors lists each.");

        api.MapGet("/mass-disconnects/calendar", (HttpRequest req, ReadModelApi readModel, CancellationToken ct) => readModel.CalendarAsync(req, ct))
            .WithName("GetCutCalendar")
            .WithTags(Tag)
            .WithSummary("The calendar of cuts")
            .WithDescription("Open disconnects deferred by a rule or scheduled by the CIS, by day (in the utility's time zone) and rule.")
            .WithQueryParameter("from", "First day, yyyy-MM-dd (default: today).", "date")
            .WithQueryParameter("to", "Last day, yyyy-MM-dd, at most 93 days after from (default: 13 days after from).", "date")
            .Answers<IReadOnlyList<CutDay>>(StatusCodes.Status200OK, "The days with cuts, in date order.")
            .Problem(StatusCodes.Status400BadRequest, "A parameter is invalid; errors lists each.");
        return api;
    }

    /// <summary>Adds the read model's handlers and settings.</summary>
    public static IServiceCollection AddReadModelApi(this IServiceCollection services)
    {
        services.AddOptions<OverviewOptions>()
            .BindConfiguration(OverviewOptions.SectionName)
            .Validate(o => o.IsValid(), "Overview: TimeZone must be an IANA zone, CacheFor at most 1 minute, and AgeBands contiguous from 0 with zones ok, watch, late or breach, the last open-ended.")
            .ValidateOnStart();
        services.AddSingleton<ReadModelApi>();
        return services;
    }
}
