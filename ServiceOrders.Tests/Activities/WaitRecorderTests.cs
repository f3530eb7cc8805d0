using Azure.Data.Tables;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Tests.Support;
using ServiceOrders.Workflow.Activities;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Tests.Activities;

/// <summary>Sending a command tells the order list what the order waits for and the partner calls what went out, in the same activity.</summary>
public class WaitRecorderTests
{
    static readonly DateTimeOffset Now = new(2026, 3, 2, 18, 0, 0, TimeSpan.Zero);

    sealed class Clock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    sealed class HeadEnd(bool refuse) : IHeadEndGateway
    {
        public Task SendAsync(HeadEndCommand command, CancellationToken cancellationToken) =>
            refuse ? throw new CommandRefusedException("Meter unknown") : Task.CompletedTask;
    }

    static async Task<(SendHeadEndCommand Send, IOrderIndex Index, IPartnerCalls Calls)> ArrangeAsync(bool refuse)
    {
        var tables = new StorageTables(new TableServiceClient(TestStorage.ConnectionString));
        var index = new TableOrderIndex(tables, $"WaitIndex{Guid.NewGuid():N}"[..28]);
        var calls = new TablePartnerCalls(tables, $"WaitCalls{Guid.NewGuid():N}"[..28]);
        await index.UpsertAsync(new OrderIndexEntry("ORD-1", "SP-1", RequestType.CutForNonPayment, OrderStatus.Open, null, Now.AddHours(-1), Now.AddHours(-1)), CancellationToken.None);
        return (new SendHeadEndCommand(new HeadEnd(refuse), new WaitRecorder(index, calls, new Clock())), index, calls);
    }

    static HeadEndCommand Command => new(new CommandId("ORD-1.c1"), new OrderId("ORD-1"), default, new MeterId("M-1"), "NonPayment", Now.AddMinutes(15), "HES-2");

    static async Task<List<PartnerCall>> SentAsync(IPartnerCalls calls)
    {
        var sent = new List<PartnerCall>();
        await foreach (var call in calls.SentSinceAsync(Now.AddHours(-1), CancellationToken.None))
        {
            sent.Add(call);
        }

        return sent;
    }

    [Fact]
    public async Task ACommandSent_ShowsTheOrderWaitingForItsHeadEndUntilTheCommandExpires()
    {
        var (send, index, calls) = await ArrangeAsync(refuse: false);

        await send.RunAsync(Command, CancellationToken.None);
        await calls.AnsweredAsync("ORD-1.c1", true, Now.AddSeconds(12), CancellationToken.None);

        var entry = await index.GetAsync(new OrderId("ORD-1"), CancellationToken.None);
        Assert.Equal(("HeadEnd:HES-2", Now.AddMinutes(15), Now), (entry!.WaitingFor, entry.WaitingUntil, entry.UpdatedAt));
        Assert.Equal([new PartnerCall("ORD-1.c1", new OrderId("ORD-1"), PartnerChannel.HeadEnd, "HES-2", Now, Now.AddSeconds(12), true)], await SentAsync(calls));
    }

    [Fact]
    public async Task ACommandRefused_CountsAsAFailedCall_AndTheOrderDoesNotWait()
    {
        var (send, index, calls) = await ArrangeAsync(refuse: true);

        var submission = await send.RunAsync(Command, CancellationToken.None);

        Assert.False(submission.Accepted);
        Assert.Null((await index.GetAsync(new OrderId("ORD-1"), CancellationToken.None))!.WaitingFor);
        Assert.Equal([new PartnerCall("ORD-1.c1", new OrderId("ORD-1"), PartnerChannel.HeadEnd, "HES-2", Now, Now, false)], await SentAsync(calls));
    }
}
