using Azure.Data.Tables;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.Intake;
using ServiceOrders.Workflow.Activities;
using static ServiceOrders.Tests.Admission.AdmissionRig;

namespace ServiceOrders.Tests.Admission;

/// <summary>
/// Admission control over the real table store on Azurite: the intake keeps requests, the pump starts them by priority
/// and age while the orders in progress stay under the limit, and the order list gives tickets back.
/// </summary>
public class AdmissionControlTests
{
    [Fact]
    public async Task TheIntake_KeepsAValidRequestPending_AndSettlesTheMessage_WithoutStartingIt()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10);
        var requestId = IntakeTestData.NewId("REQ");
        var message = IntakeTestData.Message(RequestJson(requestId, RequestType.ReadMeter)) with
        {
            TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        };

        var outcome = await rig.Intake.HandleAsync(message, rig.Engine, CancellationToken.None);

        Assert.Equal(new IntakeOutcome.Queued(requestId), outcome);
        Assert.Equal(IntakeAction.Complete, outcome.Settlement.Action);
        Assert.Empty(rig.Engine.Calls);
        var pending = Assert.Single(await rig.Store.NextAsync(10, CancellationToken.None));
        Assert.NotNull(pending.Order);
        Assert.Equal(requestId, pending.Order.Request.RequestId);
        Assert.Equal(T0, pending.Order.ReceivedAt);
        Assert.Equal(AdmissionPriority.Routine, pending.Order.Priority);
        Assert.Contains("0af7651916cd43dd8448eb211c80319c", pending.Order.TraceParent, StringComparison.Ordinal);

        // Started later, the order keeps the time it was received and nothing else about it changes.
        rig.Clock.Now = T0.AddMinutes(5);
        var cycle = await rig.NewPump().RunOnceAsync(rig.Engine, CancellationToken.None);

        Assert.Equal(1, cycle.Started);
        Assert.Equal(T0, rig.Engine.StartOf(requestId).ReceivedAt);
        Assert.Equal(RequestType.ReadMeter, rig.Engine.StartOf(requestId).Request.RequestType);
        Assert.Empty(await rig.Store.NextAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task AFailureWritingThePendingRow_RetriesTheMessage_SoNothingIsLost()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10, tableName: "no_such-table!"); // the table service refuses the name
        var requestId = IntakeTestData.NewId("REQ");

        var outcome = await rig.Intake.HandleAsync(IntakeTestData.Message(RequestJson(requestId, RequestType.ReadMeter)), rig.Engine, CancellationToken.None);

        var transient = Assert.IsType<IntakeOutcome.Transient>(outcome);
        Assert.Equal(IntakeAction.Retry, transient.Settlement.Action);
        Assert.Empty(rig.Engine.Calls);
    }

    [Fact]
    public async Task ThePump_StartsNoMoreThanTheLimit_AndMoreAsTicketsComeBack()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 3);
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await rig.TakeInAsync(RequestType.ReadMeter));
        }

        var pump = rig.NewPump();
        var first = await pump.RunOnceAsync(rig.Engine, CancellationToken.None);
        var second = await pump.RunOnceAsync(rig.Engine, CancellationToken.None);

        Assert.Equal(3, first.Started);
        Assert.Equal(0, second.Started);
        Assert.Equal(3, second.InProgress);
        Assert.Equal(ids[..3].ToHashSet(), rig.Engine.Started.ToHashSet()); // the oldest three, started at once

        // Two end, one waits for a head-end (still in progress): two more start.
        await rig.IndexAsync(ids[0], OrderStatus.Completed);
        await rig.IndexAsync(ids[1], OrderStatus.Failed);
        await rig.IndexAsync(ids[2], OrderStatus.Open, WaitRecorder.HeadEnd("HES-1"));
        var third = await pump.RunOnceAsync(rig.Engine, CancellationToken.None);

        Assert.Equal(2, third.Started);
        Assert.Equal(ids[..5].ToHashSet(), rig.Engine.Started.ToHashSet());
        Assert.Equal(3, await rig.Store.CountTicketsAsync(rig.Clock.Now, CancellationToken.None));
    }

    [Fact]
    public async Task ABurstOfCuts_DoesNotStarveMoveInsAndReconnectsSentAfterIt()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 4, batchSize: 4);
        var cuts = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            cuts.Add(await rig.TakeInAsync(RequestType.CutForNonPayment));
        }

        var read = await rig.TakeInAsync(RequestType.ReadMeter);
        var moveIn = await rig.TakeInAsync(RequestType.EnableService);
        var reconnect = await rig.TakeInAsync(RequestType.ReconnectForPayment);
        var emergencyCut = await rig.TakeInAsync(RequestType.CutForNonPayment, emergency: true);
        var laterReconnect = await rig.TakeInAsync(RequestType.ReconnectForPayment);
        var pump = rig.NewPump();

        // The limit lets 4 in at a time; each ends before the next cycle, as fast orders would. A cycle starts its batch
        // at once, so within a cycle the order of the starts is free; the batches are what the priority decides.
        var batches = new List<HashSet<string>>();
        for (var cycle = 0; cycle < 20 && batches.Sum(b => b.Count) < 35; cycle++)
        {
            var before = rig.Engine.Started.Count;
            await pump.RunOnceAsync(rig.Engine, CancellationToken.None);
            var batch = rig.Engine.Started.Skip(before).ToHashSet();
            batches.Add(batch);
            foreach (var id in batch)
            {
                await rig.IndexAsync(id, OrderStatus.Completed);
            }
        }

        // Restore first (oldest first: the reconnect, the emergency cut, the later reconnect), then the move-in, the
        // routine read, and the cuts last, oldest first.
        List<string> expected = [reconnect, emergencyCut, laterReconnect, moveIn, read, .. cuts];
        Assert.Equal(expected.Chunk(4).Select(c => c.ToHashSet()).ToList(), batches, HashSet<string>.CreateSetComparer());
    }

    [Fact]
    public async Task TicketsComeBack_WhenTheOrderEnds_OrWaitsLong_AndStay_WhileItWaitsForAHeadEnd()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10);
        (string Status, string? WaitingFor, bool Released)[] cases =
        [
            (nameof(OrderStatus.Open), null, false),
            (nameof(OrderStatus.Open), WaitRecorder.HeadEnd("HES-1"), false),
            (nameof(OrderStatus.Open), WaitRecorder.Crew, true),
            (nameof(OrderStatus.Open), WaitRecorder.ServiceDate, true),
            (nameof(OrderStatus.Open), WaitRecorder.Deferral("NoCutOnFriday"), true),
            (nameof(OrderStatus.Exception), null, true),
            (nameof(OrderStatus.Completed), null, true),
            (nameof(OrderStatus.Rejected), null, true),
            (nameof(OrderStatus.Cancelled), null, true),
        ];
        var ids = cases.Select(_ => IntakeTestData.NewId("ORD")).ToList();
        await rig.Store.TakeTicketsAsync(ids, rig.Clock.Now, CancellationToken.None);

        for (var i = 0; i < cases.Length; i++)
        {
            await rig.IndexAsync(ids[i], Enum.Parse<OrderStatus>(cases[i].Status), cases[i].WaitingFor);
        }

        var table = await rig.Tables.GetAsync(rig.Settings.TableName, CancellationToken.None);
        var held = table.Query<TableEntity>(e => e.PartitionKey == "ticket").Select(e => e.RowKey).ToHashSet();
        Assert.Equal(
            [.. cases.Select((c, i) => (ids[i], c.Status, c.WaitingFor, Held: !c.Released))],
            cases.Select((c, i) => (ids[i], c.Status, c.WaitingFor, Held: held.Contains(ids[i]))).ToList());
    }

    [Fact]
    public async Task ExpiredTickets_NoLongerCount_AndAreDeleted()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 2);
        await rig.Store.TakeTicketsAsync(["ORD-STUCK-1", "ORD-STUCK-2"], rig.Clock.Now, CancellationToken.None);
        var waiting = await rig.TakeInAsync(RequestType.ReadMeter);
        var pump = rig.NewPump();

        var full = await pump.RunOnceAsync(rig.Engine, CancellationToken.None);
        Assert.Equal((0, 2), (full.Started, full.InProgress));

        rig.Clock.Now += rig.Settings.TicketLifetime + TimeSpan.FromSeconds(1);
        Assert.Equal(0, await rig.Store.CountTicketsAsync(rig.Clock.Now, CancellationToken.None));
        var after = await pump.RunOnceAsync(rig.Engine, CancellationToken.None);

        Assert.Equal(1, after.Started);
        Assert.Equal([waiting], rig.Engine.Started);
        var table = await rig.Tables.GetAsync(rig.Settings.TableName, CancellationToken.None);
        var tickets = table.Query<TableEntity>(e => e.PartitionKey == "ticket").Select(e => e.RowKey).ToList();
        Assert.Equal([waiting], tickets);
    }

    [Fact]
    public async Task TwoPumpsOnOneStore_StartEachOrderOnce()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 1000, batchSize: 5);
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add(await rig.TakeInAsync(i % 2 == 0 ? RequestType.CutForNonPayment : RequestType.EnableService));
        }

        var (one, two) = (rig.NewPump(), rig.NewPump());
        var cycles = await Task.WhenAll(rig.DrainAsync(one), rig.DrainAsync(two));

        Assert.Equal(ids.Order(StringComparer.Ordinal), rig.Engine.Calls.Order(StringComparer.Ordinal));
        Assert.Equal(40, rig.Engine.Started.Count);
        Assert.Empty(await rig.Store.NextAsync(10, CancellationToken.None));
        // One held the lease; the other stood by.
        Assert.Single(cycles, c => c.All(cycle => !cycle.HoldsLease));
    }

    [Fact]
    public async Task AnUnreadableRow_IsSetAsideWithItsReason_AndTheOthersStart()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10);
        var table = await rig.Tables.GetAsync(rig.Settings.TableName, CancellationToken.None);
        var bad = new TableEntity("pending|2", $"{T0.UtcTicks:D19}|BROKEN")
        {
            ["Request"] = "not a request"u8.ToArray(),
            ["ReceivedAt"] = T0,
            ["MessageId"] = "msg-broken",
        };
        await table.AddEntityAsync(bad);
        var good = await rig.TakeInAsync(RequestType.ReadMeter);

        var cycles = await rig.DrainAsync(rig.NewPump());

        Assert.Equal([good], rig.Engine.Started);
        Assert.Empty(await rig.Store.NextAsync(10, CancellationToken.None));
        var record = Assert.Single(await rig.PoisonRecordsAsync());
        Assert.Equal((IntakeReasons.Unreadable, "msg-broken", "not a request"), (record.Reason, record.MessageId, record.Body));
        Assert.Contains("pending|2", record.Description, StringComparison.Ordinal);
        Assert.Equal(2, cycles.Count);
    }

    [Fact]
    public async Task AStartThatKeepsFailing_IsTriedAgain_ThenSetAside_NotRetriedForEver()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10);
        var id = await rig.TakeInAsync(RequestType.ReadMeter);
        rig.Engine.Failure = new Azure.RequestFailedException(503, "The server is busy.");
        var pump = rig.NewPump();

        var first = await pump.RunOnceAsync(rig.Engine, CancellationToken.None);
        Assert.Equal((0, 0), (first.Started, first.Settled));
        Assert.Single(await rig.Store.NextAsync(10, CancellationToken.None));
        Assert.Equal(0, await rig.Store.CountTicketsAsync(rig.Clock.Now, CancellationToken.None));

        await pump.RunOnceAsync(rig.Engine, CancellationToken.None);
        var last = await pump.RunOnceAsync(rig.Engine, CancellationToken.None); // the intake's MaxDeliveryCount is 3

        Assert.Equal((0, 1), (last.Started, last.Settled));
        Assert.Equal(3, rig.Engine.Calls.Count);
        Assert.Empty(await rig.Store.NextAsync(10, CancellationToken.None));
        var record = Assert.Single(await rig.PoisonRecordsAsync());
        Assert.Equal((IntakeReasons.TransientFailure, id), (record.Reason, record.RequestId));
    }

    [Fact]
    public async Task ARedeliveredMessage_StartsItsOrderOnce()
    {
        using var rig = new AdmissionRig(maxOrdersInProgress: 10);
        var id = await rig.TakeInAsync(RequestType.ReadMeter);
        await rig.TakeInAsync(RequestType.ReadMeter, id);

        await rig.DrainAsync(rig.NewPump());

        Assert.Equal([id], rig.Engine.Started);
        Assert.Equal([id, id], rig.Engine.Calls);
        Assert.Empty(await rig.Store.NextAsync(10, CancellationToken.None));
    }
}
