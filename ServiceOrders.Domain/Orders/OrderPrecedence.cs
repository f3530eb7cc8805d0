namespace ServiceOrders.Domain.Orders;

/// <summary>
/// One of two conflicting orders on a service point, as the precedence rule sees it: when it was received, and when it
/// first claimed the service point (null when that is not known, or not to be used).
/// </summary>
public sealed record QueuedOrder(string OrderId, DateTimeOffset ReceivedAt, DateTimeOffset? ClaimedAt = null);

/// <summary>
/// Which of two conflicting orders goes first. The order that claimed the service point first goes first, so that two
/// conflicting orders never both go ahead whatever the timing of their claims; receipt order breaks a tie, and decides
/// alone when either claim time is unknown; the order id breaks a tie of receipt times.
/// </summary>
public static class OrderPrecedence
{
    /// <summary>Whether <paramref name="first"/> goes before <paramref name="second"/>; false for the same order.</summary>
    public static bool GoesFirst(QueuedOrder first, QueuedOrder second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return first.ClaimedAt is { } a && second.ClaimedAt is { } b && a != b
            ? a < b
            : ReceivedEarlier(first, second);
    }

    /// <summary>Receipt order alone, the order id breaking a tie.</summary>
    public static bool ReceivedEarlier(QueuedOrder first, QueuedOrder second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return first.ReceivedAt < second.ReceivedAt
            || (first.ReceivedAt == second.ReceivedAt && string.CompareOrdinal(first.OrderId, second.OrderId) < 0);
    }
}
