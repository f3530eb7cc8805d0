using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Activities;

/// <summary>What an order tells the CIS and the subscribers when it starts to wait (or goes on after a wait).</summary>
/// <param name="Reply">The interim reply to the CIS.</param>
/// <param name="Notifications">The events for subscribers.</param>
public sealed record AnnounceWaitInput(CisReply Reply, IReadOnlyList<SubscriberNotification> Notifications);

/// <summary>
/// Tells the CIS and the subscribers, in one durable action, that the order waits: deferred by a rule, scheduled for
/// its service date, in exception, or resumed. Both sends are idempotent by their message and notification ids.
/// </summary>
public sealed class AnnounceWait(SendCisReply reply, NotifySubscribers notify) : IServiceOrderActivity<AnnounceWaitInput, bool>
{
    public async Task<bool> RunAsync(AnnounceWaitInput input, CancellationToken cancellationToken)
    {
        await reply.RunAsync(input.Reply, cancellationToken);
        if (input.Notifications.Count > 0)
        {
            await notify.RunAsync(input.Notifications, cancellationToken);
        }

        return true;
    }
}
