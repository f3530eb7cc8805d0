using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Api.ReadModel;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Api.ReadModel;

/// <summary>
/// The overview, a mass disconnect's progress and the cut calendar over a known set of orders and partner calls in
/// Azurite tables of their own, at a fixed time: Monday 2 March 2026, 12:00 in Chicago (18:00 UTC).
/// </summary>
public class ReadModelApiTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);

    /// <summary>Midnight in Chicago (UTC−6 in March before daylight saving).</summary>
    static readonly DateTimeOffset TodayStart = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    sealed record Fixture(ReadModelApi Api, IOrderIndex Index, Clock Clock);

    static OrderIndexEntry Order(string id, RequestType type, OrderStatus status, DateTimeOffset received, DateTimeOffset updated, string? waitingFor = null, DateTimeOffset? until = null) =>
        new(id, "SP-1", type, status, status == OrderStatus.Exception ? "Timeout" : null, received, updated, RequestingSystem: "BILLING", WaitingFor: waitingFor, WaitingUntil: until);

    static async Task<Fixture> KnownAsync()
    {
        var tables = new StorageTables(new TableServiceClient(TestStorage.ConnectionString));
        var index = new TableOrderIndex(tables, $"OverviewIndex{Guid.NewGuid():N}"[..28]);
        var calls = new TablePartnerCalls(tables, $"OverviewCalls{Guid.NewGuid():N}"[..28]);
        var intakeQueue = $"overview-intake-{Guid.NewGuid():N}"[..30];
        var clock = new Clock(Now);
        var batch = TodayStart.AddHours(1);
        OrderIndexEntry[] orders =
        [
            // Open cuts of this morning's batch: two deferred by a rule to Friday, one scheduled for Wednesday, one at the head-end.
            Order("CUT-1", RequestType.CutForNonPayment, OrderStatus.Open, batch, batch, "Deferral:NoCutsOnFriday", new(2026, 3, 9, 14, 0, 0, TimeSpan.Zero)),
            Order("CUT-2", RequestType.CutForNonPayment, OrderStatus.Open, batch, batch, "Deferral:NoCutsOnFriday", new(2026, 3, 9, 15, 0, 0, TimeSpan.Zero)),
            Order("CUT-3", RequestType.CutForNonPayment, OrderStatus.Open, batch, batch, "ServiceDate", new(2026, 3, 4, 15, 0, 0, TimeSpan.Zero)),
            Order("CUT-4", RequestType.CutForNonPayment, OrderStatus.Open, batch, batch, "HeadEnd:HES-1", Now.AddMinutes(30)),
            Order("CUT-5", RequestType.CutForNonPayment, OrderStatus.Completed, batch, Now.AddMinutes(-2)),
            Order("CUT-6", RequestType.CutForNonPayment, OrderStatus.Completed, batch, Now.AddMinutes(-20)),
            Order("CUT-7", RequestType.CutForNonPayment, OrderStatus.Exception, batch, Now.AddHours(-2)),
            Order("CUT-8", RequestType.CutForNonPayment, OrderStatus.Cancelled, batch, Now.AddHours(-1)),
            // A cut of yesterday's batch, still waiting: open, on the calendar, not in today's batch.
            Order("CUT-0", RequestType.CutForNonPayment, OrderStatus.Open, batch.AddDays(-1), batch.AddDays(-1), "ServiceDate", new(2026, 3, 4, 16, 0, 0, TimeSpan.Zero)),
            Order("READ-1", RequestType.ReadMeter, OrderStatus.Open, batch, batch),
            Order("EN-1", RequestType.EnableService, OrderStatus.Exception, batch, Now.AddMinutes(-30)),
            Order("EN-2", RequestType.EnableService, OrderStatus.Exception, batch, Now.AddHours(-10)),
            Order("EN-3", RequestType.EnableService, OrderStatus.Exception, batch.AddDays(-3), Now.AddHours(-30)),
            Order("EN-4", RequestType.EnableService, OrderStatus.Exception, batch.AddDays(-3), Now.AddHours(-50)),
            Order("EN-5", RequestType.EnableService, OrderStatus.Failed, batch, Now.AddHours(-3)),
            Order("EN-6", RequestType.EnableService, OrderStatus.Completed, batch.AddDays(-1), TodayStart.AddMinutes(-1)),
            Order("EN-7", RequestType.EnableService, OrderStatus.Rejected, batch.AddDays(-1), TodayStart.AddMinutes(-5)),
        ];
        foreach (var order in orders)
        {
            await index.UpsertAsync(order, CancellationToken.None);
        }

        PartnerCall[] sent =
        [
            new("CUT-5.c1", new OrderId("CUT-5"), PartnerChannel.HeadEnd, "HES-1", Now.AddMinutes(-3), Now.AddMinutes(-3).AddSeconds(10), true),
            new("CUT-6.c1", new OrderId("CUT-6"), PartnerChannel.HeadEnd, "HES-1", Now.AddMinutes(-21), Now.AddMinutes(-21).AddSeconds(20), true),
            new("READ-1.c1", new OrderId("READ-1"), PartnerChannel.HeadEnd, "HES-1", Now.AddMinutes(-40), Now.AddMinutes(-40).AddSeconds(30), true),
            new("CUT-7.c1", new OrderId("CUT-7"), PartnerChannel.HeadEnd, "HES-1", Now.AddMinutes(-50), Now.AddMinutes(-50).AddSeconds(40), false),
            new("CUT-4.c1", new OrderId("CUT-4"), PartnerChannel.HeadEnd, "HES-2", Now.AddMinutes(-1)),
            new("OLD.c1", new OrderId("OLD"), PartnerChannel.HeadEnd, "HES-1", Now.AddHours(-2), Now.AddHours(-2).AddSeconds(5), true),
            new("EN-1.f1", new OrderId("EN-1"), PartnerChannel.Crew, "FieldWork", Now.AddMinutes(-45), Now.AddMinutes(-35), false),
        ];
        foreach (var call in sent)
        {
            await calls.SentAsync(call with { AnsweredAt = null, Succeeded = null }, CancellationToken.None);
            if (call.AnsweredAt is { } at)
            {
                await calls.AnsweredAsync(call.StepId, call.Succeeded!.Value, at, CancellationToken.None);
            }
        }

        var queue = new QueueClient(TestStorage.ConnectionString, intakeQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("one");
        await queue.SendMessageAsync("two");

        var api = new ReadModelApi(
            index, calls, new StorageQueues(new QueueServiceClient(TestStorage.ConnectionString)),
            Options.Create(new IntakeOptions { QueueName = intakeQueue }), Options.Create(new OverviewOptions()), clock, NullLogger<ReadModelApi>.Instance);
        return new(api, index, clock);
    }

    [Fact]
    public async Task TheOverview_CountsTheKnownOrdersAndCalls()
    {
        var (api, _, _) = await KnownAsync();

        var overview = await api.CurrentOverviewAsync(CancellationToken.None);

        Assert.Equal("America/Chicago", overview.TimeZone);
        Assert.Equal(
            [
                new OpenOrderCount(RequestType.EnableService, OrderStatus.Exception, 4),
                new OpenOrderCount(RequestType.CutForNonPayment, OrderStatus.Open, 5),
                new OpenOrderCount(RequestType.CutForNonPayment, OrderStatus.Exception, 1),
                new OpenOrderCount(RequestType.ReadMeter, OrderStatus.Open, 1),
            ],
            overview.Open);
        Assert.Equal([1, 1, 1, 2], overview.ExceptionAges.Select(a => a.Count));
        Assert.Equal(["ok", "watch", "late", "breach"], overview.ExceptionAges.Select(a => a.Zone));
        Assert.Equal(
            [
                new CutDay(new(2026, 3, 4), ReadModelApi.ScheduledRule, 0, 2),
                new CutDay(new(2026, 3, 9), "NoCutsOnFriday", 2, 0),
            ],
            overview.CutsByDay);
        Assert.Equal(new EndedToday(Completed: 2, Failed: 1, Cancelled: 1, Rejected: 0), overview.Today);
        var hes1 = Assert.Single(overview.HeadEnds, h => h.Name == "HES-1");
        Assert.Equal(new PartnerHealth("HES-1", 4, 3, 1, 0.75, 20, 40), hes1);
        Assert.Equal(new PartnerHealth("HES-2", 1, 0, 0, null, null, null), Assert.Single(overview.HeadEnds, h => h.Name == "HES-2"));
        Assert.Equal(new PartnerHealth("FieldWork", 1, 0, 1, 0, 600, 600), Assert.Single(overview.Crews));
        Assert.Equal(2, overview.IntakeWaiting);
    }

    [Fact]
    public async Task TheOverview_IsServedFromCacheForAFewSeconds_ThenTakenAgain()
    {
        var (api, index, clock) = await KnownAsync();
        var first = await api.CurrentOverviewAsync(CancellationToken.None);

        await index.UpsertAsync(Order("READ-2", RequestType.ReadMeter, OrderStatus.Open, Now, Now), CancellationToken.None);
        clock.Now = Now.AddSeconds(1);
        var cached = await api.CurrentOverviewAsync(CancellationToken.None);
        clock.Now = Now.AddSeconds(4);
        var taken = await api.CurrentOverviewAsync(CancellationToken.None);

        Assert.Same(first, cached);
        Assert.Equal(2, taken.Open.Single(o => o.RequestType == RequestType.ReadMeter).Count);
    }

    static async Task<(int Status, JsonElement Body)> CallAsync(Func<HttpRequest, Task<IResult>> handler, string query)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        await (await handler(context.Request)).ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonDocument.Parse(context.Response.Body).RootElement.Clone());
    }

    [Fact]
    public async Task TheProgressOfABatch_CountsItsDisconnectsByWhereTheyStand()
    {
        var (api, _, _) = await KnownAsync();

        var (status, body) = await CallAsync(r => api.ProgressAsync(r, CancellationToken.None), "?since=2026-03-02T06:00:00Z&requestingSystem=BILLING");
        var progress = body.Deserialize<MassDisconnectProgress>(ServiceOrdersJson.Options)!;

        Assert.Equal(200, status);
        Assert.Equal(
            (Received: 8, Waiting: 3, Running: 1, Completed: 2, InException: 1, Ended: 1),
            (progress.Received, progress.Waiting, progress.Running, progress.Completed, progress.InException, progress.Ended));
        Assert.Equal([new HeadEndRate("HES-1", 2, 0.2)], progress.PerHeadEnd);
    }

    [Fact]
    public async Task TheCalendar_ListsTheCutDaysInTheRangeAsked()
    {
        var (api, _, _) = await KnownAsync();

        var (status, body) = await CallAsync(r => api.CalendarAsync(r, CancellationToken.None), "?from=2026-03-05&to=2026-03-31");

        Assert.Equal(200, status);
        Assert.Equal([new CutDay(new(2026, 3, 9), "NoCutsOnFriday", 2, 0)], body.Deserialize<CutDay[]>(ServiceOrdersJson.Options)!);
    }

    [Theory]
    [InlineData("?from=2026-03-31&to=2026-03-01")]
    [InlineData("?from=March")]
    [InlineData("?from=2026-01-01&to=2026-12-31")]
    public async Task AnInvalidCalendarRange_IsRefusedWithErrors(string query)
    {
        var (api, _, _) = await KnownAsync();

        var (status, body) = await CallAsync(r => api.CalendarAsync(r, CancellationToken.None), query);

        Assert.Equal(400, status);
        Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
    }

    [Theory]
    [InlineData("?since=yesterday")]
    [InlineData("?since=2020-01-01T00:00:00Z")]
    [InlineData("?since=2030-01-01T00:00:00Z")]
    [InlineData("?requestingSystem=a%20b")]
    public async Task AnInvalidBatch_IsRefusedWithErrors(string query)
    {
        var (api, _, _) = await KnownAsync();

        var (status, body) = await CallAsync(r => api.ProgressAsync(r, CancellationToken.None), query);

        Assert.Equal(400, status);
        Assert.NotEmpty(body.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public void OverviewSettings_WithBandsThatLeaveAGap_OrAnUnknownZone_AreInvalid()
    {
        Assert.True(new OverviewOptions().IsValid());
        Assert.False(new OverviewOptions { TimeZone = "Mars/Olympus" }.IsValid());
        Assert.False(new OverviewOptions
        {
            AgeBands = [new() { Label = "a", FromHours = 0, ToHours = 1, Zone = "ok" }, new() { Label = "b", FromHours = 2, Zone = "breach" }],
        }.IsValid());
        Assert.True(new OverviewOptions
        {
            AgeBands = [new() { Label = "a", FromHours = 0, ToHours = 2, Zone = "ok" }, new() { Label = "b", FromHours = 2, Zone = "breach" }],
        }.IsValid());
    }
}
