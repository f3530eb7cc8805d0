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
    public static async Task<IReadOnlyList<string>> DifferencesAsync(this IOrderEngine engine, ServiceOrderRequest request, CancellationToken cancellationToken) =>
        await engine.RequestOfAsync(new OrderId(request.RequestId), cancellationToken) is { } existing
            ? RequestContent.Differences(existing, request)
            : [];

    /// <summary>The request order <paramref name="orderId"/> was started with; null when there is no such order or its input cannot be read.</summary>
    public static async Task<ServiceOrderRequest?> RequestOfAsync(this IOrderEngine engine, OrderId orderId, CancellationToken cancellationToken) =>
        await engine.GetAsync(orderId, cancellationToken) is { SerializedInput: { } input }
            ? JsonSerializer.Deserialize<ServiceOrderStart>(input, ServiceOrdersJson.Options)?.Request
            : null;
}
