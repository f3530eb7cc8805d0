using ServiceOrders.Cli.Demo;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Chaos;

/// <summary>
/// What a fault-injection run left behind, judged order by order.
/// <list type="bullet">
/// <item>Lost: the CIS sent the order and the product does not know it, or it ended without a final reply to the CIS.</item>
/// <item>Stuck: the product knows the order and it has not ended.</item>
/// <item>Duplicated effects: an order started more than once; a head-end command or field dispatch carried out that the
/// order does not account for (its key is not one the order sent); a CIS reply of one kind sent under two ids.</item>
/// <item>Unexpected: the order ended, but not as its scenario says (outcome, path of activities, final state).</item>
/// </list>
/// </summary>
internal sealed record ChaosAudit(
    int Orders,
    int Lost,
    int Stuck,
    int DuplicateStarts,
    int DuplicateWork,
    int DuplicateReplies,
    int WorkCarriedOut,
    int WorkReceivedAgain,
    int Replies,
    int RepliesRepeatedWithSameId,
    int StartsNotInHistory,
    int UnreadableReplies,
    IReadOnlyList<ScenarioVerdict> Unexpected,
    IReadOnlyList<string> Findings)
{
    public int DuplicatedEffects => DuplicateStarts + DuplicateWork + DuplicateReplies;

    public bool Passed => Lost == 0 && Stuck == 0 && DuplicatedEffects == 0 && Unexpected.Count == 0 && StartsNotInHistory == 0 && UnreadableReplies == 0;

    /// <param name="plan">The orders the CIS sent.</param>
    /// <param name="views">Each order as the product shows it at the end; null when it does not know the order.</param>
    /// <param name="replies">Every reply the CIS received, repeats included.</param>
    /// <param name="work">What the head-end and the crews carried out: idempotency key → times received.</param>
    /// <param name="starts">How many times each order's orchestration was started, from the task hub's history.</param>
    /// <param name="unreadableReplies">Messages on the reply queue the CIS could not read as a reply.</param>
    public static ChaosAudit Of(
        ChaosPlan plan,
        IReadOnlyDictionary<string, OrderView?> views,
        IReadOnlyCollection<CisReply> replies,
        IReadOnlyDictionary<string, int> work,
        IReadOnlyDictionary<string, int> starts,
        int unreadableReplies,
        TimeSpan waited)
    {
        var findings = new List<string>();
        if (unreadableReplies > 0)
        {
            findings.Add($"replies:    {unreadableReplies} messages on the reply queue were not readable as a reply");
        }

        var finalReplies = replies.Where(r => r.Kind.IsFinal()).Select(r => r.RequestId).ToHashSet(StringComparer.Ordinal);
        int lost = 0, stuck = 0;
        var unexpected = new List<ScenarioVerdict>();
        foreach (var order in plan.Orders)
        {
            var view = views.GetValueOrDefault(order.OrderId);
            if (view is null)
            {
                lost++;
                findings.Add($"lost:       {order.OrderId} ({order.Scenario}): the product does not know it");
                continue;
            }

            if (!view.HasEnded())
            {
                stuck++;
                findings.Add($"stuck:      {order.OrderId} ({order.Scenario}): {ScenarioVerdict.Describe(view)}");
                continue;
            }

            if (!finalReplies.Contains(order.OrderId))
            {
                lost++;
                findings.Add($"lost:       {order.OrderId} ({order.Scenario}): ended {ScenarioVerdict.Describe(view)} but the CIS got no final reply");
            }

            var verdict = ScenarioVerdict.Judge(order.Scenario, order.Submit, view, [], waited);
            if (!verdict.AsExpected)
            {
                unexpected.Add(verdict);
                findings.Add($"unexpected: {order.OrderId} ({order.Scenario}): {string.Join("; ", verdict.Differences)}");
            }
        }

        // Every order the product knows started at least once; a history that shows none cannot vouch for the count.
        var unaccounted = plan.Orders.Count(o => views.GetValueOrDefault(o.OrderId) is not null && starts.GetValueOrDefault(o.OrderId) == 0);
        if (unaccounted > 0)
        {
            findings.Add($"history:    {unaccounted} known orders have no start in the task hub's history");
        }

        var duplicateStarts = 0;
        foreach (var (orderId, count) in starts.Where(s => s.Value > 1))
        {
            duplicateStarts += count - 1;
            findings.Add($"duplicate:  {orderId} started {count} times");
        }

        // Work is keyed by the activity id the order sent it under; work under any other key is work done twice.
        var sent = views.Values.OfType<OrderView>()
            .SelectMany(v => v.Timeline)
            .Where(e => e.Event is TimelineEvent.Dispatched or TimelineEvent.CommandSent && e.ActivityId is not null)
            .Select(e => e.ActivityId!)
            .ToHashSet(StringComparer.Ordinal);
        var duplicateWork = 0;
        foreach (var key in work.Keys)
        {
            var activityId = key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (!sent.Contains(activityId))
            {
                duplicateWork++;
                findings.Add($"duplicate:  {key} was carried out, but no order sent it");
            }
        }

        var duplicateReplies = 0;
        // Interim replies other than the acknowledgement (scheduled, deferred, exception, resumed) may come more than once, each under an id of its own.
        foreach (var group in replies.Where(r => r.Kind.IsFinal() || r.Kind == CisReplyKind.Acknowledged).GroupBy(r => (r.RequestId, r.Kind)))
        {
            var ids = group.Select(r => r.MessageId).Distinct(StringComparer.Ordinal).Count();
            if (ids > 1)
            {
                duplicateReplies += ids - 1;
                findings.Add($"duplicate:  {group.Key.RequestId} got {ids} {group.Key.Kind} replies under different ids");
            }
        }

        var repeatsWithSameId = replies.Count - replies.Select(r => r.MessageId).Distinct(StringComparer.Ordinal).Count();
        return new ChaosAudit(
            plan.Orders.Count, lost, stuck, duplicateStarts, duplicateWork, duplicateReplies,
            work.Count, work.Values.Sum(n => n - 1), replies.Count, repeatsWithSameId, unaccounted, unreadableReplies, unexpected, findings);
    }
}
