using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Workflow.Ports;

/// <summary>Which kind of outside system a call went to.</summary>
public enum PartnerChannel
{
    /// <summary>A head-end: a command to a meter.</summary>
    HeadEnd,

    /// <summary>The field work system: a dispatch to a crew.</summary>
    Crew,
}

/// <summary>One command or dispatch sent to a head-end or the field work system, and its first final answer when it has one.</summary>
/// <param name="StepId">The command or field activity id.</param>
/// <param name="OrderId">The order it is for.</param>
/// <param name="Channel">Head-end or crew.</param>
/// <param name="Partner">The head-end id, or the field work system's name.</param>
/// <param name="SentAt">When it was sent.</param>
/// <param name="AnsweredAt">When its first final answer came; null while unanswered.</param>
/// <param name="Succeeded">Whether that answer said done; null while unanswered.</param>
public sealed record PartnerCall(
    string StepId, OrderId OrderId, PartnerChannel Channel, string Partner, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt = null, bool? Succeeded = null);

/// <summary>
/// What head-ends and crews were sent and how they answered, by the time they were sent: the data behind partner health
/// (success rate and latency) and the pace of a mass disconnect. Kept by the activities that send and the routes that take
/// the answers, so the orchestration does nothing more.
/// </summary>
public interface IPartnerCalls
{
    /// <summary>Records a call as sent (again: the same row).</summary>
    Task SentAsync(PartnerCall call, CancellationToken cancellationToken);

    /// <summary>Records the first final answer of a call; an unknown step (sent before calls were kept) is ignored.</summary>
    Task AnsweredAsync(string stepId, bool succeeded, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Calls sent at or after <paramref name="since"/>.</summary>
    IAsyncEnumerable<PartnerCall> SentSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
