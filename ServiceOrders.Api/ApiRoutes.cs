using ServiceOrders.Api.Access;
using ServiceOrders.Api.Operators;
using ServiceOrders.Api.ReadModel;
using ServiceOrders.Api.Registry;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Api;

/// <summary>
/// The product's HTTP routes in the standalone host; the same routes as the Functions app's HTTP triggers. Each route
/// states its name, summary, description, tag, body and answers where it is mapped: the OpenAPI document is generated
/// from these endpoints.
/// </summary>
public static class ApiRoutes
{
    public const string OrdersTag = "Orders";
    public const string AnswersTag = "Field and head-end answers";
    public const string OperatorsTag = "Operators";
    public const string RegistryTag = "Registry";
    public const string HealthTag = "Health";

    /// <summary>What each group of operations is for, as the API reference shows it.</summary>
    public static readonly IReadOnlyDictionary<string, string> TagDescriptions = new Dictionary<string, string>
    {
        [OrdersTag] = "The CIS submits service orders, follows them, moves their date or calls them off.",
        [AnswersTag] = "Crews and head-ends report what they did; each answer names its activity or command.",
        [OperatorsTag] = "People resolve the orders that wait for them.",
        [RegistryTag] = "Service points and their meters, one at a time or as a CSV file.",
        [HealthTag] = "Whether the host and its durable engine run.",
        [WebhookRoutes.Tag] = "Other systems subscribe to order and service point events over HTTP.",
        [OperatorRoutes.BulkTag] = "Retry, skip or cancel many orders at once, with a preview and, over a threshold, a second person's approval.",
        [ReadModelRoutes.Tag] = ReadModelRoutes.TagDescription,
    };

    /// <summary>Maps the routes under <c>/api</c> and returns that group, for a host to add its own (health).</summary>
    public static RouteGroupBuilder MapServiceOrdersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        MapOrders(api);
        MapAnswers(api);
        MapRegistry(api);
        api.MapWebhookSubscriptions();
        api.MapOperatorRoutes();
        api.MapReadModel();
        RouteRoles.DeclareRoles(api);
        return api;
    }

    static void MapOrders(RouteGroupBuilder api)
    {
        api.MapPost("/orders", (HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) => orders.SubmitOrderAsync(engine, req, ct))
            .WithName("SubmitOrder")
            .WithTags(OrdersTag)
            .WithSummary("Submit a service order")
            .WithDescription("Validates the request and starts one durable order whose id is the request id. The same request sent again starts nothing; "
                + "another request under the same id is refused.")
            .Accepts<ServiceOrderRequest>(OpenApiDescriptions.Json)
            .Answers<OrderAccepted>(StatusCodes.Status202Accepted, "A new order was started.")
            .Answers<OrderAccepted>(StatusCodes.Status200OK, "The request id has an order already, started with the same content (duplicate: true); nothing was started.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid; errors lists every problem with its reason code.")
            .Problem(StatusCodes.Status409Conflict, "The request id has an order started with other content: orderId, statusUrl and differingFields say which; nothing was started or changed.")
            .Problem(StatusCodes.Status413PayloadTooLarge, "The body is larger than 64 KiB.")
            .Problem(StatusCodes.Status415UnsupportedMediaType, "The body is not JSON.");

        api.MapGet("/orders", (HttpRequest req, OrderApi orders, CancellationToken ct) => orders.ListOrdersAsync(req, ct))
            .WithName("ListOrders")
            .WithTags(OrdersTag)
            .WithSummary("Search orders")
            .WithDescription("One page of the orders received in a date range (the last 7 days unless given, at most 93) that match every filter given, "
                + "newest first unless sorted otherwise. Pass nextPageToken as pageToken, with the same filters, for the next page. Each parameter may be given once.")
            .WithQueryParameter("status", $"Only orders in this status: {string.Join(", ", Enum.GetNames<OrderStatus>())}.")
            .WithQueryParameter("requestType", $"Only orders of this request type: {string.Join(", ", Enum.GetNames<RequestType>())}.")
            .WithQueryParameter("meterClass", $"Only orders at a meter of this class: {string.Join(", ", Enum.GetNames<MeterClass>())}.")
            .WithQueryParameter("commodity", $"Only orders at a service point delivering this: {string.Join(", ", Enum.GetNames<Commodity>())}.")
            .WithQueryParameter("servicePointId", "Only orders at this service point.")
            .WithQueryParameter("requestingSystem", "Only orders sent by this system.")
            .WithQueryParameter("q", "Only orders whose order id (the request id) starts with this.")
            .WithQueryParameter("from", "Received at or after this ISO 8601 time (default: 7 days before to).", "date-time")
            .WithQueryParameter("to", "Received at or before this ISO 8601 time (default: now).", "date-time")
            .WithQueryParameter("sort", $"The order of the list: {string.Join(", ", OrderSort.All)} (default {OrderSort.ReceivedDescending}; '-' is newest first).")
            .WithQueryParameter("pageSize", $"Orders per page, 1 to {ReadModel.OrderListParameters.MaxPageSize} (default {ReadModel.OrderListParameters.DefaultPageSize}).", "int32")
            .WithQueryParameter("top", "Another name for pageSize, kept for callers that used it.", "int32")
            .WithQueryParameter("pageToken", "The nextPageToken of the page before.")
            .Answers<OrderPage>(StatusCodes.Status200OK, "A page of the orders found.")
            .Problem(StatusCodes.Status400BadRequest, "A parameter is invalid; errors lists each.");

        api.MapGet("/orders/{orderId}", (string orderId, OrderApi orders, IOrderEngine engine, CancellationToken ct) => orders.GetOrderAsync(engine, orderId, ct))
            .WithName("GetOrder")
            .WithTags(OrdersTag)
            .WithSummary("Get an order")
            .WithDescription("Status, phase, current activity, outcome, readings, final state and timeline of one order.")
            .Answers<OrderView>(StatusCodes.Status200OK, "The order.")
            .Problem(StatusCodes.Status400BadRequest, "The order id is not valid.")
            .Problem(StatusCodes.Status404NotFound, "There is no such order.");

        api.MapPost("/orders/{orderId}/cancel", (string orderId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
                orders.CancelOrderAsync(engine, orderId, req, ct))
            .WithName("CancelOrder")
            .WithTags(OrdersTag)
            .WithSummary("Cancel an order")
            .WithDescription("Heard at every wait: work not yet dispatched is dropped, dispatched work gets a cancel request, and what was turned off is turned back on.")
            .Accepts<CancelRequested>(OpenApiDescriptions.Json)
            .Answers<OrderEventAccepted>(StatusCodes.Status202Accepted, "The cancellation was passed to the order; it ends later.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid.")
            .Problem(StatusCodes.Status404NotFound, "There is no such order.")
            .Problem(StatusCodes.Status409Conflict, "The order has ended.");

        api.MapPost("/orders/{orderId}/update", (string orderId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
                orders.UpdateOrderAsync(engine, orderId, req, ct))
            .WithName("UpdateOrder")
            .WithTags(OrdersTag)
            .WithSummary("Move an order's service date")
            .WithDescription("Only while the order waits for its service date.")
            .Accepts<OrderUpdated>(OpenApiDescriptions.Json)
            .Answers<OrderEventAccepted>(StatusCodes.Status202Accepted, "The new date was passed to the order.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid.")
            .Problem(StatusCodes.Status404NotFound, "There is no such order.")
            .Problem(StatusCodes.Status409Conflict, "The order does not wait for its service date.");

        api.MapPost("/orders/{orderId}/actions", (string orderId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
                orders.ActOnOrderAsync(engine, orderId, req, ct))
            .WithName("ActOnOrder")
            .WithTags(OperatorsTag)
            .WithSummary("Resolve an order in exception")
            .WithDescription("Retry, Skip, RecordDone (with the completion done by hand) or Cancel; only while the order is in exception.")
            .Accepts<OperatorAction>(OpenApiDescriptions.Json)
            .Answers<OrderEventAccepted>(StatusCodes.Status202Accepted, "The action was passed to the order.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid.")
            .Problem(StatusCodes.Status404NotFound, "There is no such order.")
            .Problem(StatusCodes.Status409Conflict, "The order is not in exception.");

        api.MapGet("/exceptions", (OrderApi orders, CancellationToken ct) => orders.ListExceptionsAsync(ct))
            .WithName("ListExceptions")
            .WithTags(OperatorsTag)
            .WithSummary("Orders waiting for a person")
            .WithDescription("Orders in exception, oldest first, and answer conflicts: activities that a crew or head-end answered twice with different outcomes (activityId set).")
            .Answers<IReadOnlyList<OrderException>>(StatusCodes.Status200OK, "The orders in exception and the answer conflicts.");

        api.MapDelete("/exceptions/answers/{activityId}", (string activityId, HttpRequest req, OrderApi orders, CancellationToken ct) =>
                orders.DismissAnswerConflictAsync(activityId, req, ct))
            .WithName("DismissAnswerConflict")
            .WithTags(OperatorsTag)
            .WithSummary("Dismiss an answer conflict")
            .WithDescription("A person has asked the crew or head-end which answer is true and acted on the order if needed: the conflict leaves the exceptions list.")
            .AnswersEmpty(StatusCodes.Status204NoContent, "The conflict was dismissed.")
            .Problem(StatusCodes.Status404NotFound, "The activity is unknown or has no answer conflict waiting.");
    }

    static void MapAnswers(RouteGroupBuilder api)
    {
        api.MapPost("/field-activities/{activityId}/completion", (string activityId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
                orders.CompleteFieldActivityAsync(engine, activityId, req, ct))
            .WithName("CompleteFieldActivity")
            .WithTags(AnswersTag)
            .WithSummary("Report field work")
            .WithDescription("A crew reports a field activity done or not done. The activity id is the one of the dispatch.")
            .Accepts<FieldCompletion>(OpenApiDescriptions.Json)
            .Answers<AnswerAccepted>(StatusCodes.Status202Accepted, "The report was passed to its order.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid.")
            .Problem(StatusCodes.Status404NotFound, "No order has this activity.")
            .Problem(StatusCodes.Status409Conflict, "The order has ended (its activities are closed), or the activity had an answer with another outcome: this one was not applied and waits for a person.");

        api.MapPost("/headend/commands/{commandId}/result", (string commandId, HttpRequest req, OrderApi orders, IOrderEngine engine, CancellationToken ct) =>
                orders.ReportCommandResultAsync(engine, commandId, req, ct))
            .WithName("ReportCommandResult")
            .WithTags(AnswersTag)
            .WithSummary("Report a head-end command result")
            .WithDescription("Accepted, then Succeeded, Failed, Rejected or Expired. The command id is the one of the command.")
            .Accepts<HeadEndResult>(OpenApiDescriptions.Json)
            .Answers<AnswerAccepted>(StatusCodes.Status202Accepted, "The result was passed to its order.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid.")
            .Problem(StatusCodes.Status404NotFound, "No order has this command.")
            .Problem(StatusCodes.Status409Conflict, "The order has ended (its commands are closed), or the command had a result with another outcome: this one was not applied and waits for a person.");
    }

    static void MapRegistry(RouteGroupBuilder api)
    {
        api.MapPut("/service-points/{servicePointId}", (string servicePointId, HttpRequest req, OrderApi orders, CancellationToken ct) =>
                orders.PutServicePointAsync(servicePointId, req, ct))
            .WithName("PutServicePoint")
            .WithTags(RegistryTag)
            .WithSummary("Register a service point")
            .WithDescription("Creates or replaces the registered state of a service point and its meter.")
            .Accepts<ServicePoint>(OpenApiDescriptions.Json)
            .Answers<ServicePoint>(StatusCodes.Status200OK, "The service point as registered.")
            .Problem(StatusCodes.Status400BadRequest, "Malformed or invalid; errors lists every problem.");

        api.MapGet("/service-points/{servicePointId}", (string servicePointId, OrderApi orders, CancellationToken ct) =>
                orders.GetServicePointAsync(servicePointId, ct))
            .WithName("GetServicePoint")
            .WithTags(RegistryTag)
            .WithSummary("Get a service point")
            .WithDescription("The registered state of a service point and its meter.")
            .Answers<ServicePoint>(StatusCodes.Status200OK, "The service point.")
            .Problem(StatusCodes.Status400BadRequest, "The service point id is not valid.")
            .Problem(StatusCodes.Status404NotFound, "The service point is not registered.");

        api.MapPost("/service-points/import", (HttpRequest req, ServicePointImport import, CancellationToken ct) => import.ImportAsync(req, ct))
            .WithName("ImportServicePoints")
            .WithTags(RegistryTag)
            .WithSummary("Load the registry from a CSV file")
            .WithDescription(
                $"Header {string.Join(',', ServicePointCsv.Columns)} (servicePointId and commodity required, the others optional, any order). " +
                "Every row is checked first; one bad row and nothing is imported. Each row replaces its service point's registered state.")
            .Accepts<string>(ServicePointImport.ContentType)
            .Answers<RegistryImported>(StatusCodes.Status200OK, "Every row was imported.")
            .Problem(StatusCodes.Status400BadRequest, "The file has errors: errors lists them (line, field, code, message), errorCount counts them; nothing was imported.")
            .Problem(StatusCodes.Status413PayloadTooLarge, $"Larger than {ServicePointImport.MaxBodyBytes / (1024 * 1024)} MiB or {ServicePointCsv.MaxRows} rows.")
            .Problem(StatusCodes.Status415UnsupportedMediaType, "Not text/csv in UTF-8.");
    }

    /// <summary>The health route's description, for the host that maps it (it knows whether its engine runs).</summary>
    public static RouteHandlerBuilder DescribeAsHealth(this RouteHandlerBuilder builder) =>
        builder.WithName("Health")
            .WithTags(HealthTag)
            .WithSummary("Health")
            .WithDescription("200 when the durable engine runs; needs no credentials.")
            .Answers<HealthStatus>(StatusCodes.Status200OK, "The engine runs.")
            .Answers<HealthStatus>(StatusCodes.Status503ServiceUnavailable, "The engine is starting.");
}
