using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Workflow.Engine;

/// <summary>What a request that arrives under the id of an existing order is, compared with that order's own request.</summary>
public static class ExistingOrders
{
    /// <summary>
    /// The fields in which <paramref name="request"/> differs from the request the order under its id was started with
    /// (see <see cref="RequestContent"/>); empty when it is the same request again, or when no such order can be read.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(this IOrderEngine engine, ServiceOrderRequest request, CancellationToken cancellationToken)
    {
        var instance = await engine.GetAsync(new OrderId(request.RequestId), cancellationToken);
        var existing = instance?.SerializedInput is { } input
            ? JsonSerializer.Deserialize<ServiceOrderStart>(input, ServiceOrdersJson.Options)?.Request
            : null;
        return existing is null ? [] : RequestContent.Differences(existing, request);
    }
}
