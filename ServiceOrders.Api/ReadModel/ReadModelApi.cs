using System.Globalization;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.ReadModel;

/// <summary>
/// The figures the operator console shows and other tools may poll: the operations overview, a mass disconnect's
/// progress and the calendar of cuts. All come from the read model (the order list and the partner calls) and the
/// queues' approximate counts, never from the orchestrations. The overview is taken at most once per
/// <see cref="OverviewOptions.CacheFor"/>, whoever asks.
/// </summary>
public sealed partial class ReadModelApi(
    IOrderIndex index,
    IPartnerCalls calls,
    StorageQueues queues,
    IOptions<IntakeOptions> intake,
    IOptions<OverviewOptions> options,
    TimeProvider time,
    ILogger<ReadModelApi> logger,
    AdmissionFigures? admission = null) : IDisposable
{
    /// <summary>The request types a mass disconnect consists of.</summary>
    static readonly RequestType[] Cuts = [RequestType.CutForNonPayment];

    /// <summary>The rule name of cuts asked for a day by the CIS.</summary>
    public const string ScheduledRule = "Scheduled";

    const int MaxCalendarDays = 93;

    readonly SemaphoreSlim taking = new(1, 1);
    (DateTimeOffset At, OperationsOverview Overview)? cached;

    public void Dispose() => taking.Dispose();

    TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public async Task<IResult> OverviewAsync(CancellationToken cancellationToken) =>
        Results.Json(await CurrentOverviewAsync(cancellationToken), ServiceOrdersJson.Options);

    /// <summary>The overview, from the cache while it is fresh; one caller takes it while the others wait for it.</summary>
    public async Task<OperationsOverview> CurrentOverviewAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } overview)
        {
            return overview;
        }

        await taking.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } taken)
            {
                return taken;
            }

            var now = time.GetUtcNow();
            var fresh = await TakeOverviewAsync(now, cancellationToken);
            cached = (now, fresh);
            return fresh;
        }
        finally
        {
            taking.Release();
        }
    }

    OperationsOverview? Fresh() =>
        cached is { } c && time.GetUtcNow() - c.At < options.Value.CacheFor ? c.Overview : null;

    async Task<OperationsOverview> TakeOverviewAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = Zone;
        var open = await ToListAsync(index.InStatusAsync(OrderStatus.Open, cancellationToken), cancellationToken);
        var inException = await ToListAsync(index.InStatusAsync(OrderStatus.Exception, cancellationToken), cancellationToken);
        var today = TodayStartsAt(now, zone);
        var ended = await ToListAsync(index.EndedSinceAsync(today, cancellationToken), cancellationToken);
        var sent = await ToListAsync(calls.SentSinceAsync(now.AddHours(-1), cancellationToken), cancellationToken);

        var openCounts = open.Concat(inException)
            .GroupBy(e => (e.RequestType, e.Status))
            .OrderBy(g => g.Key.RequestType).ThenBy(g => g.Key.Status)
            .Select(g => new OpenOrderCount(g.Key.RequestType, g.Key.Status, g.Count()))
            .ToList();
        var ages = options.Value.Count(inException.Select(e => Math.Max(0, (now - e.UpdatedAt).TotalHours)));
        var todayDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var cutDays = CutDays(open, zone).Where(d => d.Date >= todayDate).ToList();
        var endedToday = ended.Where(e => e.UpdatedAt >= today).DistinctBy(e => e.OrderId).ToList();

        return new OperationsOverview(
            now,
            options.Value.TimeZone,
            openCounts,
            ages,
            cutDays,
            new EndedToday(
                endedToday.Count(e => e.Status == OrderStatus.Completed),
                endedToday.Count(e => e.Status == OrderStatus.Failed),
                endedToday.Count(e => e.Status == OrderStatus.Cancelled),
                endedToday.Count(e => e.Status == OrderStatus.Rejected)),
            Health(sent, PartnerChannel.HeadEnd),
            Health(sent, PartnerChannel.Crew),
            await QueueLengthAsync(intake.Value.QueueName, cancellationToken) + await WaitingForAdmissionAsync(cancellationToken),
            await QueueLengthAsync(WebhookQueue.Name, cancellationToken));
    }

    /// <summary><c>GET /api/admission</c>: the limit, the orders in progress and the requests waiting for admission by priority.</summary>
    public async Task<IResult> AdmissionAsync(CancellationToken cancellationToken) =>
        admission is null
            ? Results.Json(new AdmissionStatus(time.GetUtcNow(), false, 0, 0, 0, []), ServiceOrdersJson.Options)
            : Results.Json(await admission.StatusAsync(cancellationToken), ServiceOrdersJson.Options);

    async Task<int> WaitingForAdmissionAsync(CancellationToken cancellationToken)
    {
        if (admission is null)
        {
            return 0;
        }

        try
        {
            return await admission.WaitingCountAsync(cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            LogAdmissionUnread(logger, e.Status);
            return 0;
        }
    }

    /// <summary>Each partner's calls sent in the window: how many, how they were answered, and how fast.</summary>
    static IReadOnlyList<PartnerHealth> Health(IEnumerable<PartnerCall> sent, PartnerChannel channel) =>
        [.. sent.Where(c => c.Channel == channel)
            .GroupBy(c => c.Partner, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var answered = g.Where(c => c.AnsweredAt is not null).ToList();
                var succeeded = answered.Count(c => c.Succeeded == true);
                var seconds = answered.Select(c => Math.Max(0, (c.AnsweredAt!.Value - c.SentAt).TotalSeconds)).Order().ToList();
                return new PartnerHealth(
                    g.Key,
                    g.Count(),
                    succeeded,
                    answered.Count - succeeded,
                    answered.Count == 0 ? null : (double)succeeded / answered.Count,
                    Percentile(seconds, 0.50),
                    Percentile(seconds, 0.95));
            })];

    /// <summary>Nearest-rank percentile of sorted values; null when there are none.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Open disconnects held by a deferral rule or waiting for the day the CIS asked, by day (in the utility's zone) and rule.</summary>
    static IEnumerable<CutDay> CutDays(IEnumerable<OrderIndexEntry> open, TimeZoneInfo zone) =>
        open.Where(e => Cuts.Contains(e.RequestType) && e.WaitingUntil is not null && e.WaitingFor is not null)
            .Select(e => (Entry: e, Rule: e.WaitingFor == WaitRecorder.ServiceDate ? ScheduledRule
                : e.WaitingFor!.StartsWith("Deferral:", StringComparison.Ordinal) ? e.WaitingFor["Deferral:".Length..] : null))
            .Where(x => x.Rule is not null)
            .GroupBy(x => (Date: DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(x.Entry.WaitingUntil!.Value, zone).DateTime), x.Rule))
            .OrderBy(g => g.Key.Date).ThenBy(g => g.Key.Rule, StringComparer.Ordinal)
            .Select(g => new CutDay(
                g.Key.Date,
                g.Key.Rule!,
                g.Key.Rule == ScheduledRule ? 0 : g.Count(),
                g.Key.Rule == ScheduledRule ? g.Count() : 0));

    /// <summary><c>GET /api/mass-disconnects/progress?since=&amp;requestingSystem=</c>; since defaults to the start of today in the utility's zone.</summary>
    public async Task<IResult> ProgressAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new List<ValidationError>();
        var since = ReadTime(http.Query, "since", errors) ?? TodayStartsAt(now, Zone);
        var system = Single(http.Query, "requestingSystem", errors);
        if (system is not null && !Domain.Orders.ServiceOrderValidator.IsValidId(system))
        {
            errors.Add(new(ReasonCodes.InvalidId, "requestingSystem", "Requesting systems are 1 to 64 letters, digits, '-' or '_'."));
        }

        if (errors.Count == 0 && (since > now || now - since > TimeSpan.FromDays(MaxCalendarDays)))
        {
            errors.Add(new(ReasonCodes.DateOutOfRange, "since", $"since must lie in the last {MaxCalendarDays} days."));
        }

        if (errors.Count > 0)
        {
            return OrderApi.ValidationProblem(errors);
        }

        var batch = new List<OrderIndexEntry>();
        await foreach (var entry in index.ReceivedSinceAsync(since, cancellationToken))
        {
            if (Cuts.Contains(entry.RequestType) && (system is null || entry.RequestingSystem == system))
            {
                batch.Add(entry);
            }
        }

        var ids = batch.Select(e => e.OrderId).ToHashSet(StringComparer.Ordinal);
        var done = new List<PartnerCall>();
        await foreach (var call in calls.SentSinceAsync(since, cancellationToken))
        {
            if (call is { Channel: PartnerChannel.HeadEnd, Succeeded: true } && ids.Contains(call.OrderId.Value))
            {
                done.Add(call);
            }
        }

        var fiveMinutesAgo = now.AddMinutes(-5);
        var perHeadEnd = done.GroupBy(c => c.Partner, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new HeadEndRate(g.Key, g.Select(c => c.OrderId).Distinct().Count(), g.Count(c => c.AnsweredAt >= fiveMinutesAgo) / 5.0))
            .ToList();
        var open = batch.Where(e => e.Status == OrderStatus.Open).ToList();
        var running = open.Count(e => e.WaitingFor is WaitRecorder.Crew || e.WaitingFor?.StartsWith("HeadEnd:", StringComparison.Ordinal) == true);
        return Results.Json(new MassDisconnectProgress(
            since,
            now,
            batch.Count,
            open.Count - running,
            running,
            batch.Count(e => e.Status == OrderStatus.Completed),
            batch.Count(e => e.Status == OrderStatus.Exception),
            batch.Count(e => e.Status is OrderStatus.Failed or OrderStatus.Cancelled or OrderStatus.Rejected),
            perHeadEnd), ServiceOrdersJson.Options);
    }

    /// <summary><c>GET /api/mass-disconnects/calendar?from=&amp;to=</c>: cut days between two dates (default: today and the 13 days after).</summary>
    public async Task<IResult> CalendarAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var zone = Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
        var errors = new List<ValidationError>();
        var from = ReadDate(http.Query, "from", errors) ?? today;
        var to = ReadDate(http.Query, "to", errors) ?? from.AddDays(13);
        if (errors.Count == 0 && (to < from || to.DayNumber - from.DayNumber > MaxCalendarDays))
        {
            errors.Add(new(ReasonCodes.DateOutOfRange, "from", $"from must not be after to, and the range at most {MaxCalendarDays} days."));
        }

        if (errors.Count > 0)
        {
            return OrderApi.ValidationProblem(errors);
        }

        var open = await ToListAsync(index.InStatusAsync(OrderStatus.Open, cancellationToken), cancellationToken);
        IReadOnlyList<CutDay> days = [.. CutDays(open, zone).Where(d => d.Date >= from && d.Date <= to)];
        return Results.Json(days, ServiceOrdersJson.Options);
    }

    /// <summary>When today began in <paramref name="zone"/>, as a UTC time.</summary>
    public static DateTimeOffset TodayStartsAt(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date;
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    async Task<int> QueueLengthAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var queue = await queues.GetAsync(name, cancellationToken);
            return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (Azure.RequestFailedException e)
        {
            // A queue this host does not use (intake on Service Bus) has no backlog here.
            LogQueueUnread(logger, name, e.Status);
            return 0;
        }
    }

    static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    static string? Single(IQueryCollection query, string name, List<ValidationError> errors)
    {
        var values = query[name];
        if (values.Count > 1)
        {
            errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} may be given once."));
        }

        return values.Count == 1 ? values[0] : null;
    }

    static DateTimeOffset? ReadTime(IQueryCollection query, string name, List<ValidationError> errors)
    {
        if (Single(query, name, errors) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} must be an ISO 8601 date and time."));
        return null;
    }

    static DateOnly? ReadDate(IQueryCollection query, string name, List<ValidationError> errors)
    {
        if (Single(query, name, errors) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            return value;
        }

        errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} must be a date, yyyy-MM-dd."));
        return null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue {Queue} could not be read for the overview (status {Status}); counted as empty")]
    static partial void LogQueueUnread(ILogger logger, string queue, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the requests waiting for admission (status {Status}); the overview leaves them out")]
    static partial void LogAdmissionUnread(ILogger logger, int status);
}
