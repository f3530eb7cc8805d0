using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Activities;

/// <summary>What an order tells the CIS and the subscribers when it starts to wait (or goes on after a wait).</summary>
/// <param name="Reply">The interim reply to the CIS.</param>
/// <param name="Notifications">The events for subscribers.</param>
/// <param name="Index">
/// The order list's entry showing the wait (what for, until when); null in recorded histories, which did not carry it.
/// </param>
public sealed record AnnounceWaitInput(
    CisReply Reply,
    IReadOnlyList<SubscriberNotification> Notifications,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrderIndexEntry? Index = null);

/// <summary>
/// Tells the CIS and the subscribers, in one durable action, that the order waits: deferred by a rule, scheduled for
/// its service date, in exception, or resumed; and the order list what it waits for. All writes are idempotent: the
/// sends by their message and notification ids, the entry by the order id.
/// </summary>
public sealed class AnnounceWait(SendCisReply reply, NotifySubscribers notify, IndexOrder index) : IServiceOrderActivity<AnnounceWaitInput, bool>
{
    public async Task<bool> RunAsync(AnnounceWaitInput input, CancellationToken cancellationToken)
    {
        await reply.RunAsync(input.Reply, cancellationToken);
        if (input.Notifications.Count > 0)
        {
            await notify.RunAsync(input.Notifications, cancellationToken);
        }

        if (input.Index is { } entry)
        {
            await index.RunAsync(entry, cancellationToken);
        }

        return true;
    }
}
