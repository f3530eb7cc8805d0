using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.OperatorConsole.Configuration;
using ServiceOrders.OperatorConsole.Orders;

namespace ServiceOrders.Tests.OperatorConsole;

public class OrderStoryTests
{
    static readonly DateTimeOffset At = new(2026, 1, 16, 16, 0, 0, TimeSpan.Zero);
    static readonly ConsoleClock Clock = new("America/Chicago", new StoppedClock(At));

    static OrderView Order(OrderPhase phase, IReadOnlyList<TimelineEntry> timeline, string? activityId = null, ActivityKind? kind = null,
        DateTimeOffset? until = null, ExceptionInfo? exception = null) =>
        new("R-1", RequestType.CutForNonPayment, "SP-1", EngineStatus.Running, phase, activityId, kind, null, null, null, null, null, null,
            timeline, exception, until, At.AddHours(-1), At);

    [Fact]
    public void ADeferredCut_NamesItsRuleAndWhenItMayGoAhead()
    {
        var order = Order(OrderPhase.WaitingForWindow,
            [new TimelineEntry(At, TimelineEvent.Deferred, Detail: "NoCutsOnFriday")], until: new DateTimeOffset(2026, 1, 19, 14, 0, 0, TimeSpan.Zero));

        Assert.Equal("Deferred by rule \"NoCutsOnFriday\" until 2026-01-19 08:00:00 America/Chicago.", OrderStory.WhyItWaits(order, Clock));
    }

    [Fact]
    public void ACommand_SaysWhichTryItIs()
    {
        var order = Order(OrderPhase.WaitingForHeadEnd,
        [
            new TimelineEntry(At.AddMinutes(-20), TimelineEvent.CommandSent, "R-1.1", ActivityKind.RemoteDisconnect, "HES-1"),
            new TimelineEntry(At.AddMinutes(-19), TimelineEvent.Failed, "R-1.1", ActivityKind.RemoteDisconnect),
            new TimelineEntry(At.AddMinutes(-5), TimelineEvent.CommandSent, "R-1.2", ActivityKind.RemoteDisconnect, "HES-1"),
        ], "R-1.2", ActivityKind.RemoteDisconnect);

        Assert.Equal("Waiting for the head-end to remote disconnect (HES-1) since 2026-01-16 09:55:00 America/Chicago, try 2.", OrderStory.WhyItWaits(order, Clock));
    }

    [Fact]
    public void AnOrderInException_SaysSinceWhenAndWhy()
    {
        var order = Order(OrderPhase.Exception, [], exception: new ExceptionInfo("LifeSupport", "The customer is on life support", null, At.AddHours(-3)));

        Assert.Equal("Waiting for a person since 2026-01-16 07:00:00 America/Chicago: LifeSupport, The customer is on life support.", OrderStory.WhyItWaits(order, Clock));
    }

    [Fact]
    public void AnEndedOrder_SaysHowItEnded()
    {
        var order = Order(OrderPhase.Ended, []) with { RuntimeStatus = EngineStatus.Completed, Outcome = OrderOutcome.Cancelled, Detail = "Cancelled by dana" };

        Assert.Equal("Ended cancelled: Cancelled by dana.", OrderStory.WhyItWaits(order, Clock).TrimEnd('.') + ".");
        Assert.Equal("Cancelled", OrderStory.Standing(order));
    }

    [Fact]
    public void TheTimeline_PairsEachActivityWithItsAnswer()
    {
        var picture = TimelinePicture.Of(
        [
            new TimelineEntry(At.AddMinutes(-30), TimelineEvent.Received),
            new TimelineEntry(At.AddMinutes(-20), TimelineEvent.Dispatched, "R-1.1", ActivityKind.CutForNonPayment),
            new TimelineEntry(At.AddMinutes(-5), TimelineEvent.Succeeded, "R-1.1", ActivityKind.CutForNonPayment),
            new TimelineEntry(At.AddMinutes(-4), TimelineEvent.CommandSent, "R-1.2", ActivityKind.ReadScalar),
        ], At, running: true);

        Assert.Equal(
            [(ActivityKind.CutForNonPayment, TimeSpan.FromMinutes(15), (TimelineEvent?)TimelineEvent.Succeeded), (ActivityKind.ReadScalar, TimeSpan.FromMinutes(4), null)],
            picture.Activities.Select(a => (a.Kind!.Value, a.Duration(At), a.Result)));
        Assert.Equal([TimelineEvent.Received], picture.Marks.Select(m => m.Event));
        Assert.Equal(0, picture.Position(At.AddMinutes(-30)));
        Assert.Equal(1, picture.Position(At));
    }
}
