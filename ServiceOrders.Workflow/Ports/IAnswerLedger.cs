using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Workflow.Ports;

/// <summary>The first final answer an activity got, as <see cref="IAnswerLedger"/> keeps it.</summary>
/// <param name="Fingerprint">Its outcome's fingerprint.</param>
/// <param name="Summary">Its outcome in words.</param>
/// <param name="At">When it arrived.</param>
public sealed record FirstAnswer(string Fingerprint, string Summary, DateTimeOffset At);

/// <summary>
/// Keeps the outcome of the first final answer each activity or command gets, so that a second answer can be told apart
/// as a repeat (the same outcome) or a contradiction (another one).
/// </summary>
public interface IAnswerLedger
{
    /// <summary>Keeps <paramref name="answer"/> as the first answer of <paramref name="stepId"/> unless it has one; returns the first.</summary>
    Task<FirstAnswer> KeepFirstAsync(OrderId orderId, string stepId, FirstAnswer answer, CancellationToken cancellationToken);

    /// <summary>The first answer of <paramref name="stepId"/>, or null if it has none.</summary>
    Task<FirstAnswer?> FirstAsync(OrderId orderId, string stepId, CancellationToken cancellationToken);
}
