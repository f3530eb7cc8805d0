using System.Globalization;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.OperatorConsole.Api;

/// <summary>Bulk actions and mass disconnects: what supervisors use to act on many orders and watch a batch.</summary>
public sealed partial class ConsoleApi
{
    /// <summary>Which orders a bulk action would select and what it would do to each; nothing changes.</summary>
    public Task<ApiResult<BulkPreview>> PreviewBulkActionAsync(BulkActionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<BulkPreview>(HttpMethod.Post, "api/bulk-actions/preview", request, cancellationToken);

    /// <summary>Proposes a bulk action as the signed-in person: it runs at once or waits for a second person.</summary>
    public Task<ApiResult<BulkActionView>> ProposeBulkActionAsync(BulkActionRequest request, CancellationToken cancellationToken = default) =>
        SendAsync<BulkActionView>(HttpMethod.Post, "api/bulk-actions", request, cancellationToken);

    public Task<ApiResult<IReadOnlyList<BulkActionView>>> ListBulkActionsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<BulkActionView>>("api/bulk-actions", cancellationToken);

    public Task<ApiResult<BulkActionView>> GetBulkActionAsync(string id, CancellationToken cancellationToken = default) =>
        GetAsync<BulkActionView>($"api/bulk-actions/{Uri.EscapeDataString(id)}", cancellationToken);

    /// <summary>Approves (or, with <paramref name="approve"/> false, refuses) a bulk action as the signed-in person.</summary>
    public Task<ApiResult<BulkActionView>> DecideBulkActionAsync(string id, bool approve, BulkDecision decision, CancellationToken cancellationToken = default) =>
        SendAsync<BulkActionView>(HttpMethod.Post, $"api/bulk-actions/{Uri.EscapeDataString(id)}/{(approve ? "approve" : "refuse")}", decision, cancellationToken);

    /// <summary>The disconnects of a batch received since <paramref name="since"/>.</summary>
    public Task<ApiResult<MassDisconnectProgress>> GetMassDisconnectProgressAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        GetAsync<MassDisconnectProgress>(
            $"api/mass-disconnects/progress?since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}", cancellationToken);

    /// <summary>Deferred and scheduled cuts by day and rule, for the days <paramref name="from"/> to <paramref name="to"/> in the utility's zone.</summary>
    public Task<ApiResult<IReadOnlyList<CutDay>>> GetCutCalendarAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<CutDay>>(
            $"api/mass-disconnects/calendar?from={from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&to={to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            cancellationToken);
}
