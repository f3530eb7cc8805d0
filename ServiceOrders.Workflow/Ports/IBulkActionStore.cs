using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Workflow.Ports;

/// <summary>
/// Bulk actions and their per-order results, kept so that a bulk action survives the host: one record per bulk action
/// and one result per selected order, in selection order. An order's result goes from <see cref="Pending"/> to
/// <see cref="Applying"/> (claimed by one worker, with optimistic concurrency) before the order is acted on, so each
/// order is acted on at most once, whichever host runs the bulk action and however often it restarts.
/// </summary>
public interface IBulkActionStore
{
    public const string Pending = "Pending";
    public const string Applying = "Applying";
    public const string Applied = "Applied";
    public const string Refused = "Refused";

    /// <summary>Keeps a new bulk action (without results in <paramref name="view"/>) and a <see cref="Pending"/> result for each order.</summary>
    Task AddAsync(BulkActionView view, IReadOnlyList<string> orderIds, CancellationToken cancellationToken);

    /// <summary>The bulk action with its counts; with each order's result when <paramref name="withResults"/>. Null when unknown.</summary>
    Task<BulkActionView?> GetAsync(string id, bool withResults, CancellationToken cancellationToken);

    /// <summary>Every bulk action, newest first, without results.</summary>
    Task<IReadOnlyList<BulkActionView>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Moves a bulk action from <see cref="BulkActionState.AwaitingApproval"/> to the decided view; false when it was no longer awaiting.</summary>
    Task<bool> DecideAsync(BulkActionView decided, CancellationToken cancellationToken);

    /// <summary>The ids of the bulk actions in <see cref="BulkActionState.Running"/>.</summary>
    Task<IReadOnlyList<string>> RunningAsync(CancellationToken cancellationToken);

    /// <summary>Each order's result, in selection order.</summary>
    Task<IReadOnlyList<BulkOrderResult>> ResultsAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the order at <paramref name="index"/> for acting on it, as of <paramref name="at"/> (kept as the result's
    /// detail, in ISO 8601): true when it was <see cref="Pending"/> and now is <see cref="Applying"/>.
    /// </summary>
    Task<bool> ClaimAsync(string id, int index, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records what was done to the order at <paramref name="index"/>.</summary>
    Task SetResultAsync(string id, int index, BulkOrderResult result, CancellationToken cancellationToken);

    /// <summary>Marks a running bulk action <see cref="BulkActionState.Completed"/>.</summary>
    Task CompleteAsync(string id, CancellationToken cancellationToken);
}
