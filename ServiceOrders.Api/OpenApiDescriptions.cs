using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using ServiceOrders.Api.Registry;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api;

/// <summary>
/// What each route of <see cref="ApiRoutes"/> takes and answers, for the OpenAPI document. The handlers read their
/// bodies themselves (to answer bad input with problem details), so nothing about them can be inferred; this table
/// says it instead, keyed by method and route, and <see cref="WithOpenApiDescriptions"/> puts it on the endpoints as
/// the standard metadata (name, summary, tags, accepts, produces). A route missing here is still in the document, with
/// its security, only without schemas.
/// </summary>
public static class OpenApiDescriptions
{
    const string Orders = "Orders";
    const string Answers = "Field and head-end answers";
    const string Operators = "Operators";
    const string Registry = "Registry";
    const string Health = "Health";

    public static IReadOnlyList<RouteDescription> All { get; } =
    [
        Route("POST", "/api/orders", "SubmitOrder", Orders, "Submit a service order",
                "Validates the request and starts one durable order whose id is the request id. The same request sent again starts nothing.")
            .Accepts<ServiceOrderRequest>()
            .Answers<OrderAccepted>(202, "A new order was started.")
            .Answers<OrderAccepted>(200, "The request id has an order already (duplicate: true); nothing was started.")
            .Problem(400, "Malformed or invalid; errors lists every problem with its reason code.")
            .Problem(413, "The body is larger than 64 KiB.")
            .Problem(415, "The body is not JSON."),
        Route("GET", "/api/orders", "ListOrders", Orders, "Search orders",
                "Orders received in a date range (the last 7 days unless given, at most 93), optionally at one service point or in one status, newest first.")
            .Query("servicePointId", "Only orders at this service point.")
            .Query("status", $"Only orders in this status: {string.Join(", ", Enum.GetNames<OrderStatus>())}.")
            .Query("from", "Received at or after this ISO 8601 time (default: 7 days before to).", "date-time")
            .Query("to", "Received at or before this ISO 8601 time (default: now).", "date-time")
            .Query("top", "At most this many orders, 1 to 1000 (default 100).", "int32")
            .Answers<IReadOnlyList<OrderIndexEntry>>(200, "The orders found.")
            .Problem(400, "A parameter is invalid; errors lists each."),
        Route("GET", "/api/orders/{orderId}", "GetOrder", Orders, "Get an order",
                "Status, phase, current activity, outcome, readings, final state and timeline of one order.")
            .Answers<OrderView>(200, "The order.")
            .Problem(400, "The order id is not valid.")
            .Problem(404, "There is no such order."),
        Route("POST", "/api/orders/{orderId}/cancel", "CancelOrder", Orders, "Cancel an order",
                "Heard at every wait: work not yet dispatched is dropped, dispatched work gets a cancel request, and what was turned off is turned back on.")
            .Accepts<CancelRequested>()
            .Answers<OrderEventAccepted>(202, "The cancellation was passed to the order; it ends later.")
            .Problem(400, "Malformed or invalid.")
            .Problem(404, "There is no such order.")
            .Problem(409, "The order has ended."),
        Route("POST", "/api/orders/{orderId}/update", "UpdateOrder", Orders, "Move an order's service date",
                "Only while the order waits for its service date.")
            .Accepts<OrderUpdated>()
            .Answers<OrderEventAccepted>(202, "The new date was passed to the order.")
            .Problem(400, "Malformed or invalid.")
            .Problem(404, "There is no such order.")
            .Problem(409, "The order does not wait for its service date."),
        Route("POST", "/api/orders/{orderId}/actions", "ActOnOrder", Operators, "Resolve an order in exception",
                "Retry, Skip, RecordDone (with the completion done by hand) or Cancel; only while the order is in exception.")
            .Accepts<OperatorAction>()
            .Answers<OrderEventAccepted>(202, "The action was passed to the order.")
            .Problem(400, "Malformed or invalid.")
            .Problem(404, "There is no such order.")
            .Problem(409, "The order is not in exception."),
        Route("GET", "/api/exceptions", "ListExceptions", Operators, "Orders waiting for a person",
                "Orders in exception, oldest first.")
            .Answers<IReadOnlyList<OrderException>>(200, "The orders in exception."),
        Route("POST", "/api/field-activities/{activityId}/completion", "CompleteFieldActivity", Answers, "Report field work",
                "A crew reports a field activity done or not done. The activity id is the one of the dispatch.")
            .Accepts<FieldCompletion>()
            .Answers<AnswerAccepted>(202, "The report was passed to its order.")
            .Problem(400, "Malformed or invalid.")
            .Problem(404, "No order has this activity.")
            .Problem(409, "The order has ended; its activities are closed."),
        Route("POST", "/api/headend/commands/{commandId}/result", "ReportCommandResult", Answers, "Report a head-end command result",
                "Accepted, then Succeeded, Failed, Rejected or Expired. The command id is the one of the command.")
            .Accepts<HeadEndResult>()
            .Answers<AnswerAccepted>(202, "The result was passed to its order.")
            .Problem(400, "Malformed or invalid.")
            .Problem(404, "No order has this command.")
            .Problem(409, "The order has ended; its commands are closed."),
        Route("PUT", "/api/service-points/{servicePointId}", "PutServicePoint", Registry, "Register a service point",
                "Creates or replaces the registered state of a service point and its meter.")
            .Accepts<ServicePoint>()
            .Answers<ServicePoint>(200, "The service point as registered.")
            .Problem(400, "Malformed or invalid; errors lists every problem."),
        Route("GET", "/api/service-points/{servicePointId}", "GetServicePoint", Registry, "Get a service point")
            .Answers<ServicePoint>(200, "The service point.")
            .Problem(400, "The service point id is not valid.")
            .Problem(404, "The service point is not registered."),
        Route("POST", "/api/service-points/import", "ImportServicePoints", Registry, "Load the registry from a CSV file",
                $"Header {string.Join(',', ServicePointCsv.Columns)} (servicePointId and commodity required, the others optional, any order). " +
                "Every row is checked first; one bad row and nothing is imported. Each row replaces its service point's registered state.")
            .Accepts<string>(ServicePointImport.ContentType)
            .Answers<RegistryImported>(200, "Every row was imported.")
            .Problem(400, "The file has errors: errors lists them (line, field, code, message), errorCount counts them; nothing was imported.")
            .Problem(413, $"Larger than {ServicePointImport.MaxBodyBytes / (1024 * 1024)} MiB or {ServicePointCsv.MaxRows} rows.")
            .Problem(415, "Not text/csv in UTF-8."),
        Route("GET", "/api/health", "Health", Health, "Health", "200 when the durable engine runs; needs no credentials.")
            .Answers<HealthStatus>(200, "The engine runs.")
            .Answers<HealthStatus>(503, "The engine is starting."),
    ];

    /// <summary>Describes each endpoint of the group that <see cref="All"/> lists.</summary>
    public static TBuilder WithOpenApiDescriptions<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route
                && endpoint.Metadata.OfType<IHttpMethodMetadata>().FirstOrDefault()?.HttpMethods is [var method]
                && Find(method, route.RoutePattern.RawText) is { } description)
            {
                description.ApplyTo(endpoint.Metadata);
            }
        });
        return builder;
    }

    public static RouteDescription? Find(string method, string? pattern) =>
        All.FirstOrDefault(d => d.Method == method && string.Equals(d.Pattern, "/" + pattern?.TrimStart('/'), StringComparison.OrdinalIgnoreCase));

    static RouteDescription Route(string method, string pattern, string name, string tag, string summary, string? description = null) =>
        new(method, pattern, name, tag, summary, description, null, [], []);
}

/// <summary>One route as the OpenAPI document shows it. Also put on the endpoint, where the document transformer finds the query parameters.</summary>
public sealed record RouteDescription(
    string Method,
    string Pattern,
    string Name,
    string Tag,
    string Summary,
    string? Description,
    AcceptsMetadata? Body,
    IReadOnlyList<ProducesResponseTypeMetadata> Responses,
    IReadOnlyList<QueryParameterDescription> QueryParameters)
{
    const string Json = "application/json";
    const string ProblemJson = "application/problem+json";

    public RouteDescription Accepts<T>(string contentType = Json) => this with { Body = new AcceptsMetadata([contentType], typeof(T)) };

    public RouteDescription Answers<T>(int status, string description) =>
        this with { Responses = [.. Responses, new ProducesResponseTypeMetadata(status, typeof(T), [Json]) { Description = description }] };

    public RouteDescription Problem(int status, string description) =>
        this with { Responses = [.. Responses, new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [ProblemJson]) { Description = description }] };

    public RouteDescription Query(string name, string description, string? format = null) =>
        this with { QueryParameters = [.. QueryParameters, new QueryParameterDescription(name, description, format)] };

    internal void ApplyTo(IList<object> metadata)
    {
        metadata.Add(this);
        metadata.Add(new EndpointNameMetadata(Name));
        metadata.Add(new TagsAttribute(Tag));
        metadata.Add(new EndpointSummaryAttribute(Summary));
        if (Description is not null)
        {
            metadata.Add(new EndpointDescriptionAttribute(Description));
        }

        if (Body is not null)
        {
            metadata.Add(Body);
        }

        foreach (var response in Responses)
        {
            metadata.Add(response);
        }
    }
}

/// <summary>A query parameter the handler reads itself; <paramref name="Format"/> is the OpenAPI format (date-time, int32) or null for text.</summary>
public sealed record QueryParameterDescription(string Name, string Description, string? Format);

/// <summary>The answer to a field completion or command result: the order it was passed to.</summary>
public sealed record AnswerAccepted(string OrderId, string ActivityId, bool Accepted);

/// <summary>The answer to a cancellation, date change or operator action: the order it was passed to.</summary>
public sealed record OrderEventAccepted(string OrderId, bool Accepted);

/// <summary>The answer of <c>/api/health</c>: Healthy, or Starting.</summary>
public sealed record HealthStatus(string Status);
