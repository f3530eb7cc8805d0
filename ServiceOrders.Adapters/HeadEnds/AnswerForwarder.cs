using Microsoft.Extensions.Logging;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.HeadEnds;

/// <summary>What became of a crew's or head-end's answer.</summary>
public enum ForwardOutcome
{
    /// <summary>The order got it.</summary>
    Forwarded,

    /// <summary>
    /// A head-end's interim answer (the command accepted) for an order that is open: taken, logged and traced, not
    /// raised on the order, which only waits for the final answer. The caller answers as for <see cref="Forwarded"/>.
    /// </summary>
    Interim,

    /// <summary>No order has that activity or command.</summary>
    UnknownActivity,

    /// <summary>The order has ended; its activities are closed.</summary>
    OrderEnded,

    /// <summary>The activity had a final answer with another outcome: this one was not applied and waits for a person.</summary>
    Conflict,
}

/// <summary>What became of an answer, with the order it is for and, for a conflict, the first answer.</summary>
public sealed record ForwardResult(ForwardOutcome Outcome, OrderId? OrderId, FirstAnswer? First = null);

/// <summary>
/// Takes every crew completion and head-end result to its order, from the HTTP callbacks and the result queue alike. A
/// final answer is compared with the first final answer the activity got (<see cref="IAnswerLedger"/>): the same outcome
/// again is passed on (the order takes the first and records repeats), another outcome is not applied but put on the
/// exceptions list for a person, since the crew or head-end contradicts itself and only someone who asks it knows which
/// is true. A head-end's interim answer (<c>Accepted</c>) is checked like any other (unknown command, order ended) but
/// not raised on the order: it never changed what an order does, and each raised event is a durable action.
/// </summary>
public sealed partial class AnswerForwarder(IAnswerLedger ledger, IExceptionQueue exceptions, IPartnerCalls calls, TimeProvider time, ILogger<AnswerForwarder> logger)
{
    /// <param name="engine">The engine client of this call.</param>
    /// <param name="activityId">The activity or command id the answer names, as it came.</param>
    /// <param name="eventName">The order's event for it.</param>
    /// <param name="payload">The event.</param>
    /// <param name="outcome">The answer's outcome when it is final; null for an interim answer (a command accepted).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="channel">How the answer came: <c>http</c> or <c>queue</c>.</param>
    /// <param name="traceParent">The W3C trace context a queued answer carried (an HTTP answer's is the request's).</param>
    /// <param name="traceState">The <c>tracestate</c> that goes with it.</param>
    public async Task<ForwardResult> ForwardAsync(
        IOrderEngine engine,
        string activityId,
        string eventName,
        object payload,
        AnswerOutcome? outcome,
        CancellationToken cancellationToken,
        string channel = "http",
        string? traceParent = null,
        string? traceState = null)
    {
        var orderOf = OrderIds.OrderOf(activityId);
        using var span = ServiceOrdersTracing.Answer(
            eventName == OrderEvents.FieldWorkCompleted ? "field" : "headend", channel, activityId, orderOf?.Value ?? "", traceParent, traceState);
        var result = await ForwardAsync(engine, orderOf, activityId, eventName, payload, outcome, cancellationToken);
        span?.SetTag("serviceorders.forward_outcome", result.Outcome.ToString());
        return result;
    }

    async Task<ForwardResult> ForwardAsync(
        IOrderEngine engine, OrderId? orderOf, string activityId, string eventName, object payload, AnswerOutcome? outcome, CancellationToken cancellationToken)
    {
        if (orderOf is not { } orderId)
        {
            return new(ForwardOutcome.UnknownActivity, null);
        }

        // Every crew and head-end answer passes here: read the status only, not the order's input and output.
        if (await engine.GetStatusAsync(orderId, cancellationToken) is not { } status)
        {
            return new(ForwardOutcome.UnknownActivity, orderId);
        }

        var ended = OrderInstance.IsEnded(status);
        if (outcome is not null)
        {
            // After the end only a contradiction matters: the order took what it took, and nothing is kept for a late answer.
            var now = time.GetUtcNow();
            var first = ended
                ? await ledger.FirstAsync(orderId, activityId, cancellationToken)
                : await ledger.KeepFirstAsync(orderId, activityId, new FirstAnswer(outcome.Fingerprint, outcome.Summary, now), cancellationToken);
            if (first is not null && first.Fingerprint != outcome.Fingerprint)
            {
                await RaiseConflictAsync(engine, orderId, activityId, first, outcome, now, cancellationToken);
                return new(ForwardOutcome.Conflict, orderId, first);
            }

            // The first final answer times the call for partner health; a repeat keeps the first's time.
            if (!ended && first is not null && first.At == now)
            {
                await calls.AnsweredAsync(activityId, outcome.Succeeded, now, cancellationToken);
            }
        }

        if (ended)
        {
            return new(ForwardOutcome.OrderEnded, orderId);
        }

        if (outcome is null && eventName == OrderEvents.HeadEndAnswered)
        {
            // A head-end's interim answer (the command accepted) changes nothing the order decides: orders only ever noted
            // it on their timeline. Raising it cost each command a durable action, so it is taken, logged, and not raised.
            LogInterimAnswer(logger, activityId);
            return new(ForwardOutcome.Interim, orderId);
        }

        await engine.RaiseEventAsync(orderId, eventName, payload, cancellationToken);
        return new(ForwardOutcome.Forwarded, orderId);
    }

    async Task RaiseConflictAsync(
        IOrderEngine engine, OrderId orderId, string activityId, FirstAnswer first, AnswerOutcome second, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var request = await engine.RequestOfAsync(orderId, cancellationToken);
        var conflict = new OrderException(
            orderId.Value,
            request?.ServicePointId ?? "",
            request?.RequestType ?? default,
            ReasonCodes.ConflictingAnswer,
            $"{activityId} was first reported {first.Summary} at {first.At:u}, then {second.Summary} at {now:u}. The first stands; ask the crew or head-end which is true.",
            null,
            now,
            activityId);
        await exceptions.OpenAsync(conflict, cancellationToken);
        ServiceOrdersMetrics.ExceptionOpened(conflict);
        LogConflict(logger, activityId, first.Summary, second.Summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Head-end accepted command {ActivityId}; its final answer is awaited")]
    static partial void LogInterimAnswer(ILogger logger, string activityId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer for {ActivityId} contradicts the first ({First}, now {Second}); not applied, raised to a person")]
    static partial void LogConflict(ILogger logger, string activityId, string first, string second);
}
