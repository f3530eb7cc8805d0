using ServiceOrders.Contracts.Ids;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// What the activities that send to a head-end or a crew tell the read model, in the same durable action as the send:
/// the order waits for that partner until the deadline, and the call counts toward the partner's health. No new durable
/// action for the order, so recorded histories replay as before.
/// </summary>
public sealed class WaitRecorder(IOrderIndex index, IPartnerCalls calls, TimeProvider time)
{
    /// <summary>Code of <see cref="ServiceOrders.Contracts.Orders.OrderIndexEntry.WaitingFor"/> for a crew's work.</summary>
    public const string Crew = "Crew";

    /// <summary>The field work system's name in partner health: there is one.</summary>
    public const string FieldWorkSystem = "FieldWork";

    /// <summary>Code of a wait for a head-end's answer.</summary>
    public static string HeadEnd(string headEndId) => $"HeadEnd:{headEndId}";

    /// <summary>Code of a wait held by a deferral rule.</summary>
    public static string Deferral(string rule) => $"Deferral:{rule}";

    /// <summary>Code of a wait for the requested service date.</summary>
    public const string ServiceDate = "ServiceDate";

    /// <summary>The call went out: the order waits for its answer until <paramref name="until"/>.</summary>
    public async Task SentAsync(string stepId, OrderId orderId, PartnerChannel channel, string partner, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await calls.SentAsync(new PartnerCall(stepId, orderId, channel, partner, now), cancellationToken);
        if (await index.GetAsync(orderId, cancellationToken) is { Status: ServiceOrders.Contracts.Orders.OrderStatus.Open } entry)
        {
            await index.UpsertAsync(
                entry with { WaitingFor = channel == PartnerChannel.Crew ? Crew : HeadEnd(partner), WaitingUntil = until, UpdatedAt = now }, cancellationToken);
        }
    }

    /// <summary>The partner refused the call outright: a failed answer with no wait.</summary>
    public Task RefusedAsync(string stepId, OrderId orderId, PartnerChannel channel, string partner, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return calls.SentAsync(new PartnerCall(stepId, orderId, channel, partner, now, now, false), cancellationToken);
    }
}
