using System.Text.Json;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.Operators;

/// <summary>
/// Runs the bulk actions that may run: order by order, each claimed in the store before it is acted on (so at most
/// once, even when two hosts run or one is killed half-way), audited in the proposer's name, then its result kept.
/// An order claimed longer than <see cref="ClaimLease"/> ago without a result was being acted on when its host
/// stopped: it is not acted on again, and its result says so. A bulk action completes once every order has a result.
/// </summary>
public sealed partial class BulkActionRunner(IBulkActionStore store, AuditTrail audit, TimeProvider time, ILogger<BulkActionRunner> logger)
{
    public const string Interrupted = "Interrupted while being applied; look at the order";

    /// <summary>Acting on one order takes well under this; a claim older than this was left by a stopped host.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>Runs every running bulk action to its end; how many orders were acted on.</summary>
    public async Task<int> RunPendingAsync(IOrderEngine engine, CancellationToken cancellationToken)
    {
        var acted = 0;
        foreach (var id in await store.RunningAsync(cancellationToken))
        {
            acted += await RunAsync(engine, id, cancellationToken);
        }

        return acted;
    }

    async Task<int> RunAsync(IOrderEngine engine, string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, withResults: false, cancellationToken) is not { State: BulkActionState.Running } view)
        {
            return 0;
        }

        var acted = 0;
        var results = await store.ResultsAsync(id, cancellationToken);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result.Outcome == IBulkActionStore.Applying)
            {
                if (IsStale(result.Detail))
                {
                    await store.SetResultAsync(id, i, result with { Outcome = IBulkActionStore.Refused, Detail = Interrupted }, cancellationToken);
                }

                continue;
            }

            if (result.Outcome != IBulkActionStore.Pending || !await store.ClaimAsync(id, i, time.GetUtcNow(), cancellationToken))
            {
                continue;
            }

            var refusal = await ApplyAsync(engine, view, result.OrderId, cancellationToken);
            await store.SetResultAsync(
                id, i, new BulkOrderResult(result.OrderId, refusal is null ? IBulkActionStore.Applied : IBulkActionStore.Refused, refusal), cancellationToken);
            acted++;
        }

        // Another worker may still be acting on some order: the bulk action completes once each has its result.
        if ((await store.ResultsAsync(id, cancellationToken)).All(r => r.Outcome is IBulkActionStore.Applied or IBulkActionStore.Refused))
        {
            await store.CompleteAsync(id, cancellationToken);
            LogCompleted(logger, id, view.Action, acted);
        }

        return acted;
    }

    bool IsStale(string? claimedAt) =>
        !DateTimeOffset.TryParse(claimedAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
        || time.GetUtcNow() - at > ClaimLease;

    /// <summary>Acts on one order; null when done, else why not (a problem title of the API).</summary>
    async Task<string?> ApplyAsync(IOrderEngine engine, BulkActionView view, string orderId, CancellationToken cancellationToken)
    {
        var instance = await engine.GetAsync(new OrderId(orderId), cancellationToken);
        if (instance is null)
        {
            return ProblemTitles.OrderNotFound;
        }

        var proposer = new Caller(view.ProposedBy, true, []);
        var note = $"Bulk action {view.Id}" + (view.DecidedBy is null ? "" : $", approved by {view.DecidedBy}") + (view.Note is null ? "" : $": {view.Note}");
        if (instance.HasEnded)
        {
            await audit.RecordAsync(orderId, proposer, view.Action.ToString(), view.Reason, note, ProblemTitles.OrderHasEnded, view.Id, cancellationToken);
            return ProblemTitles.OrderHasEnded;
        }

        var inException = Phase(instance) == OrderPhase.Exception;
        if (view.Action != BulkActionKind.Cancel && !inException)
        {
            await audit.RecordAsync(orderId, proposer, view.Action.ToString(), view.Reason, note, ProblemTitles.NotPossibleNow, view.Id, cancellationToken);
            return ProblemTitles.NotPossibleNow;
        }

        await audit.RecordAsync(orderId, proposer, view.Action.ToString(), view.Reason, note, AuditTrail.Accepted, view.Id, cancellationToken);
        var operatorNote = note.Length > 500 ? note[..500] : note;
        if (inException)
        {
            var kind = view.Action switch
            {
                BulkActionKind.Retry => OperatorActionKind.Retry,
                BulkActionKind.Skip => OperatorActionKind.Skip,
                _ => OperatorActionKind.Cancel,
            };
            await engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.OperatorAction, new OperatorAction(kind, view.ProposedBy, operatorNote, null, view.Reason), cancellationToken);
        }
        else
        {
            await engine.RaiseEventAsync(new OrderId(orderId), OrderEvents.CancelRequested, new CancelRequested(view.Reason, view.ProposedBy), cancellationToken);
        }

        return null;
    }

    static OrderPhase? Phase(OrderInstance instance)
    {
        if (string.IsNullOrEmpty(instance.SerializedProgress))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<OrderProgress>(instance.SerializedProgress, ServiceOrdersJson.Options)?.Phase;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bulk action {BulkActionId} ({Action}) ran: {Acted} orders acted on")]
    static partial void LogCompleted(ILogger logger, string bulkActionId, BulkActionKind action, int acted);
}
