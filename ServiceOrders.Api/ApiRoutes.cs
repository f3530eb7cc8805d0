using ServiceOrders.Api.Registry;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Api;

/// <summary>The product's HTTP routes in the standalone host; the same routes as the Functions app's HTTP triggers.</summary>
public static class ApiRoutes
{
    /// <summary>Maps the routes under <c>/api</c> and returns that group, for a host to add its own (health).</summary>
    public static RouteGroupBuilder MapServiceOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithOpenApiDescriptions();

        api.MapPost("/orders", (HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) => orders.SubmitOrderAsync(engine, req, ct));
        api.MapGet("/orders", (HttpRequest req, OrderApi orders, CancellationToken ct) => orders.ListOrdersAsync(req, ct));
        api.MapGet("/orders/{orderId}", (string orderId, OrderApi orders, IOrderEngine engine, CancellationToken ct) => orders.GetOrderAsync(engine, orderId, ct));
        api.MapPost("/field-activities/{activityId}/completion", (string activityId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
            orders.CompleteFieldActivityAsync(engine, activityId, req, ct));
        api.MapPost("/headend/commands/{commandId}/result", (string commandId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
            orders.ReportCommandResultAsync(engine, commandId, req, ct));
        api.MapPost("/orders/{orderId}/cancel", (string orderId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
            orders.CancelOrderAsync(engine, orderId, req, ct));
        api.MapPost("/orders/{orderId}/update", (string orderId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
            orders.UpdateOrderAsync(engine, orderId, req, ct));
        api.MapPost("/orders/{orderId}/actions", (string orderId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
            orders.ActOnOrderAsync(engine, orderId, req, ct));
        api.MapGet("/exceptions", (OrderApi orders, CancellationToken ct) => orders.ListExceptionsAsync(ct));
        api.MapPut("/service-points/{servicePointId}", (string servicePointId, HttpRequest req, OrderApi orders, CancellationToken ct) =>
            orders.PutServicePointAsync(servicePointId, req, ct));
        api.MapGet("/service-points/{servicePointId}", (string servicePointId, OrderApi orders, CancellationToken ct) =>
            orders.GetServicePointAsync(servicePointId, ct));
        api.MapPost("/service-points/import", (HttpRequest req, ServicePointImport import, CancellationToken ct) => import.ImportAsync(req, ct));
        api.MapWebhookSubscriptions();
        return api;
    }
}
