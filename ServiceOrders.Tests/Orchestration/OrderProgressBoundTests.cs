using System.Text.Json;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Tests.Orchestration;

/// <summary>
/// An order's custom status stays far below the engines' 16 KB limit whatever the outside systems write into it, and
/// an ordinary order's status is published exactly as it was before the bound existed.
/// </summary>
public class OrderProgressBoundTests
{
    /// <summary>The most timeline entries the orchestration keeps (<c>OrderRun.TimelineLimit</c>).</summary>
    const int TimelineLimit = 200;

    /// <summary>The longest order id a request may carry, and the longest activity id an answer can be routed by.</summary>
    static readonly string LongestOrderId = new('R', 64);

    static readonly string LongestActivityId = $"{LongestOrderId}.{int.MaxValue}";

    static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    static int SerializedSize(OrderProgress progress) =>
        JsonSerializer.SerializeToUtf8Bytes(progress, ServiceOrdersJson.Options).Length;

    /// <summary>
    /// Every text at the most its input allows and beyond (crew remarks and head-end errors take 2,000 characters,
    /// operator notes and cancel reasons 500), in characters that JSON escapes to six bytes each, quotes, and
    /// characters outside the basic plane.
    /// </summary>
    [Theory]
    [InlineData("x")]
    [InlineData("é")]
    [InlineData("\"")]
    [InlineData("<")]
    [InlineData("😀")]
    public void TheWorstCaseStatus_StaysUnderTheBound(string unit)
    {
        var longText = string.Concat(Enumerable.Repeat(unit, AnswerValidator.MaxTextLength * 2));
        var timeline = Enumerable.Range(1, TimelineLimit)
            .Select(i => new TimelineEntry(Start.AddMinutes(i), TimelineEvent.IgnoredMessage, LongestActivityId, ActivityKind.CutForNonPayment, $"{i}: {longText}"))
            .ToArray();
        var worst = new OrderProgress(
            OrderPhase.Exception,
            int.MaxValue,
            LongestActivityId,
            ActivityKind.Reconnect,
            timeline,
            new ExceptionInfo(ReasonCodes.CommandExhausted, longText, ActivityKind.RemoteDisconnect, Start),
            DateTimeOffset.MaxValue);
        Assert.True(SerializedSize(worst) > 16 * 1024, "the worst case must exceed the engines' limit unbounded");

        var bounded = worst.Bounded();

        var json = JsonSerializer.Serialize(bounded, ServiceOrdersJson.Options);
        Assert.True(SerializedSize(bounded) <= OrderProgress.MaxSerializedBytes, $"{SerializedSize(bounded)} bytes");
        Assert.True(json.Length <= OrderProgress.MaxSerializedBytes, $"{json.Length} characters");
        Assert.NotEmpty(bounded.Timeline);
        Assert.Equal(timeline[^1].At, bounded.Timeline[^1].At);
        Assert.Equal(
            timeline[^bounded.Timeline.Count..].Select(e => e.At),
            bounded.Timeline.Select(e => e.At));
        Assert.All(bounded.Timeline, e =>
        {
            Assert.Equal(LongestActivityId, e.ActivityId);
            Assert.True(e.Detail!.Length <= OrderProgress.MaxDetailLength);
            Assert.EndsWith(OrderProgress.Ellipsis, e.Detail);
        });
        Assert.EndsWith(OrderProgress.Ellipsis, bounded.Exception!.Detail);
        Assert.Equal(LongestActivityId, bounded.CurrentActivityId);

        // What the engine stores reads back, with no half of a character left at a cut.
        var read = JsonSerializer.Deserialize<OrderProgress>(json, ServiceOrdersJson.Options)!;
        Assert.Equal(bounded.Timeline.Count, read.Timeline.Count);
        Assert.DoesNotContain(read.Timeline, e => e.Detail!.Contains('\uFFFD', StringComparison.Ordinal));
    }

    [Fact]
    public void IdsLongerThanAnyValidId_AreClippedToo()
    {
        var huge = new string('A', 100_000);
        var progress = new OrderProgress(
            OrderPhase.WaitingForCrew, 1, huge, ActivityKind.TurnOn,
            [new TimelineEntry(Start, TimelineEvent.IgnoredMessage, huge, Detail: huge)],
            new ExceptionInfo(huge, huge, null, Start));

        var bounded = progress.Bounded();

        Assert.True(SerializedSize(bounded) <= OrderProgress.MaxSerializedBytes);
        Assert.Single(bounded.Timeline);
        Assert.Equal(OrderProgress.MaxIdLength, bounded.CurrentActivityId!.Length);
        Assert.Equal(OrderProgress.MaxIdLength, bounded.Exception!.ReasonCode.Length);
    }

    [Fact]
    public void ManyShortEntries_KeepTheNewestThatFit()
    {
        var timeline = Enumerable.Range(1, TimelineLimit)
            .Select(i => new TimelineEntry(Start.AddMinutes(i), TimelineEvent.RetryScheduled, $"{LongestOrderId}.{i}", ActivityKind.RemoteConnect, "Head-end busy, try again"))
            .ToArray();
        var progress = new OrderProgress(OrderPhase.WaitingForHeadEnd, TimelineLimit, timeline[^1].ActivityId, ActivityKind.RemoteConnect, timeline);

        var bounded = progress.Bounded();

        Assert.True(SerializedSize(bounded) <= OrderProgress.MaxSerializedBytes);
        Assert.InRange(bounded.Timeline.Count, 20, TimelineLimit - 1);
        Assert.Equal(timeline[^bounded.Timeline.Count..], bounded.Timeline);

        // Details short already are left as they are.
        Assert.All(bounded.Timeline, e => Assert.Equal("Head-end busy, try again", e.Detail));
    }

    /// <summary>An ordinary order: its status is the same object, so what the engine stores is byte for byte as before.</summary>
    [Fact]
    public void AnOrdinaryStatus_IsUnchanged()
    {
        const string orderId = "REQ-1001";
        TimelineEntry[] timeline =
        [
            new(Start, TimelineEvent.Received, Detail: "CutForNonPayment at SP-42"),
            new(Start.AddSeconds(1), TimelineEvent.Acknowledged),
            new(Start.AddSeconds(2), TimelineEvent.Deferred, Kind: ActivityKind.RemoteDisconnect,
                Detail: $"{DisconnectReasons.AfterCutoff}: Cuts stop at 15:00 local time. Until 2025-03-15 08:00:00Z."),
            new(Start.AddHours(23), TimelineEvent.CommandSent, $"{orderId}.1", ActivityKind.RemoteDisconnect),
            new(Start.AddHours(23).AddSeconds(3), TimelineEvent.CommandAccepted, $"{orderId}.1", ActivityKind.RemoteDisconnect),
            new(Start.AddHours(23).AddMinutes(1), TimelineEvent.Failed, $"{orderId}.1", ActivityKind.RemoteDisconnect, "Meter did not respond"),
            new(Start.AddHours(23).AddMinutes(2), TimelineEvent.RetryScheduled, Kind: ActivityKind.RemoteDisconnect, Detail: "Attempt 2 of 3"),
            new(Start.AddHours(23).AddMinutes(5), TimelineEvent.Dispatched, $"{orderId}.2", ActivityKind.CutForNonPayment),
            new(Start.AddHours(26), TimelineEvent.NotDone, $"{orderId}.2", ActivityKind.CutForNonPayment, "Dog in the yard, gate locked; call ahead next time."),
            new(Start.AddHours(26), TimelineEvent.ExceptionRaised, Kind: ActivityKind.CutForNonPayment, Detail: $"{ReasonCodes.FieldWorkNotDone}: CannotAccess"),
            new(Start.AddHours(30), TimelineEvent.OperatorAction, Kind: ActivityKind.CutForNonPayment, Detail: "Retry by jdoe: customer will leave the gate open"),
        ];
        var progress = new OrderProgress(
            OrderPhase.Exception, 2, $"{orderId}.2", ActivityKind.CutForNonPayment, timeline,
            new ExceptionInfo(ReasonCodes.FieldWorkNotDone, "CannotAccess", ActivityKind.CutForNonPayment, Start.AddHours(26)),
            Start.AddDays(3));
        var before = JsonSerializer.Serialize(progress, ServiceOrdersJson.Options);

        var bounded = progress.Bounded();

        Assert.Same(progress, bounded);
        Assert.Equal(before, JsonSerializer.Serialize(bounded, ServiceOrdersJson.Options));
    }
}
