using CsCheck;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Tests.Domain.Orders;

/// <summary>Which of two conflicting orders goes first, over many generated pairs (close times, so ties are common).</summary>
public class OrderPrecedencePropertyTests
{
    static readonly DateTimeOffset Epoch = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    static readonly Gen<DateTimeOffset> Instant = Gen.Int[0, 5].Select(s => Epoch.AddSeconds(s));

    static readonly Gen<QueuedOrder> Order =
        Gen.Select(Gen.OneOf(Gen.Const("SO-1"), Gen.Const("SO-2"), Gen.Const("SO-3")), Instant, Gen.Frequency((3, Instant.Select(i => (DateTimeOffset?)i)), (1, Gen.Const((DateTimeOffset?)null))),
            (id, received, claimed) => new QueuedOrder(id, received, claimed));

    static readonly Gen<(QueuedOrder A, QueuedOrder B)> TwoOrders =
        Gen.Select(Order, Order).Where(p => p.Item1.OrderId != p.Item2.OrderId);

    [Fact]
    public void OfTwoDifferentOrders_ExactlyOneGoesFirst() =>
        TwoOrders.Sample(p => OrderPrecedence.GoesFirst(p.A, p.B) != OrderPrecedence.GoesFirst(p.B, p.A));

    [Fact]
    public void AnOrder_NeverGoesBeforeItself() =>
        Order.Sample(o => !OrderPrecedence.GoesFirst(o, o) && !OrderPrecedence.ReceivedEarlier(o, o));

    [Fact]
    public void WhenBothClaimed_TheEarlierClaimGoesFirst_WhateverTheReceiptOrder() =>
        TwoOrders.Where(p => p.A.ClaimedAt is not null && p.B.ClaimedAt is not null && p.A.ClaimedAt != p.B.ClaimedAt)
            .Sample(p => OrderPrecedence.GoesFirst(p.A, p.B) == (p.A.ClaimedAt < p.B.ClaimedAt));

    [Fact]
    public void WhenClaimsTieOrAreUnknown_ReceiptOrderDecides() =>
        TwoOrders.Where(p => p.A.ClaimedAt is null || p.B.ClaimedAt is null || p.A.ClaimedAt == p.B.ClaimedAt)
            .Sample(p => OrderPrecedence.GoesFirst(p.A, p.B) == OrderPrecedence.ReceivedEarlier(p.A, p.B));

    [Fact]
    public void ReceiptOrder_IsAStrictTotalOrder() =>
        Gen.Select(Order, Order, Order).Sample((a, b, c) =>
            (a.OrderId == b.OrderId || OrderPrecedence.ReceivedEarlier(a, b) != OrderPrecedence.ReceivedEarlier(b, a))
            && (!OrderPrecedence.ReceivedEarlier(a, b) || !OrderPrecedence.ReceivedEarlier(b, c) || OrderPrecedence.ReceivedEarlier(a, c)));

    [Fact]
    public void ALaterOrderThatClaimedFirst_GoesFirst()
    {
        var earlier = new QueuedOrder("SO-1", Epoch, ClaimedAt: Epoch.AddSeconds(5));
        var later = new QueuedOrder("SO-2", Epoch.AddSeconds(1), ClaimedAt: Epoch.AddSeconds(2));

        Assert.True(OrderPrecedence.GoesFirst(later, earlier));
        Assert.False(OrderPrecedence.GoesFirst(earlier, later));
        Assert.True(OrderPrecedence.ReceivedEarlier(earlier, later));
    }
}
