using System.Text.Json.Serialization;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// What an ending order still has to do; <see cref="Release"/> is null when it holds no service point, and
/// <see cref="Settle"/> (revision 3) is what its last steps left to settle.
/// </summary>
public sealed record CloseOrderInput(
    OrderIndexEntry Index,
    CisReply Reply,
    IReadOnlyList<SubscriberNotification> Notifications,
    ReleaseServicePointInput? Release)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StepSettlement? Settle { get; init; }
}

/// <summary>
/// Ends an order in one activity (from revision 1 of the orchestrator): the order list first, so that whoever hears of
/// the outcome finds it there already; then the reply to the CIS, the subscribers, and the release of the service
/// point. From revision 3 it first settles the order's last steps (<see cref="SettleSteps"/>): the registry has the
/// service point the reply tells of. Each step is idempotent by its own key (the order id, the reply's message id, each
/// event's id, each report's activity id), so a retry of the whole after a failure part way repeats the steps already
/// done harmlessly.
/// </summary>
public sealed class CloseOrder(IndexOrder index, SendCisReply reply, NotifySubscribers notify, ReleaseServicePoint release, SettleSteps settle)
    : IServiceOrderActivity<CloseOrderInput, bool>
{
    public async Task<bool> RunAsync(CloseOrderInput input, CancellationToken cancellationToken)
    {
        await settle.SettleAsync(input.Settle, cancellationToken);
        await index.WriteAsync(input.Index, input.Reply.FinalState?.Meter?.Class.ToString() ?? "None", cancellationToken);
        await reply.RunAsync(input.Reply, cancellationToken);
        if (input.Notifications.Count > 0)
        {
            await notify.RunAsync(input.Notifications, cancellationToken);
        }

        if (input.Release is { } claim)
        {
            await release.RunAsync(claim, cancellationToken);
        }

        return true;
    }
}
