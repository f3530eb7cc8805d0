using System.Text.Json;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Api.Access;
using ServiceOrders.Api.Operators;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Api;

/// <summary>
/// The HTTP API of the product. Both hosts route the same requests here, so both answer alike: JSON bodies, errors as
/// problem details, never an exception to the caller. The engine client comes with each call, because the Functions
/// host binds one per invocation.
/// </summary>
public sealed partial class OrderApi(
    IServicePointRegistry registry,
    IExceptionQueue exceptions,
    IOrderIndex orderIndex,
    AnswerForwarder forwarder,
    AuditTrail audit,
    AdmissionTickets admission,
    IOptions<OrderPolicyOptions> policy,
    TimeProvider time,
    ILogger<OrderApi> logger)
{
    /// <summary>Bodies above this size are refused before they are parsed.</summary>
    public const int MaxBodyBytes = RequestBodies.MaxBytes;

    public async Task<IResult> SubmitOrderAsync(IOrderEngine engine, HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadBodyAsync<ServiceOrderRequest>(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var errors = ServiceOrderValidator.Validate(request, time.GetUtcNow());
        if (errors.Count > 0)
        {
            ServiceOrdersMetrics.IntakeRejected("http", errors[0].Code);
            return ValidationProblem(errors);
        }

        using var span = ServiceOrdersTracing.Intake("http", request.RequestId, request.RequestType);
        var start = ServiceOrderStart.New(request, policy.Value.ToPolicy(), time.GetUtcNow());
        // An operator's order starts at once, past the orders waiting for admission, but it counts as in progress.
        await admission.TakeAsync(request.RequestId, cancellationToken);
        var started = await engine.StartAsync(new OrderId(request.RequestId), start, cancellationToken);
        var statusUrl = $"/api/orders/{request.RequestId}";
        if (started)
        {
            ServiceOrdersMetrics.OrderStarted(request.RequestType);
            LogOrderAccepted(logger, request.RequestId, request.RequestType, request.ServicePointId);
            return Results.Json(new OrderAccepted(request.RequestId, false, statusUrl), ServiceOrdersJson.Options, statusCode: StatusCodes.Status202Accepted);
        }

        await admission.ReturnIfIdleAsync(request.RequestId, cancellationToken);
        if (await engine.DifferencesAsync(request, cancellationToken) is { Count: > 0 } differences)
        {
            ServiceOrdersMetrics.IntakeRejected("http", ReasonCodes.RequestIdInUse);
            LogConflictingDuplicate(logger, request.RequestId, string.Join(", ", differences));
            return Results.Problem(
                detail: $"Request id {request.RequestId} is order {request.RequestId}, started with other content ({string.Join(", ", differences)} differ). " +
                    "Nothing was started and that order is unchanged: send a new request id for a new request.",
                statusCode: StatusCodes.Status409Conflict,
                title: ProblemTitles.RequestIdInUse,
                extensions: new Dictionary<string, object?>
                {
                    [ProblemTypes.OrderIdMember] = request.RequestId,
                    [ProblemTypes.StatusUrlMember] = statusUrl,
                    [ProblemTypes.DifferingFieldsMember] = differences,
                });
        }

        LogDuplicateOrder(logger, request.RequestId);
        return Results.Json(new OrderAccepted(request.RequestId, true, statusUrl), ServiceOrdersJson.Options, statusCode: StatusCodes.Status200OK);
    }

    public async Task<IResult> GetOrderAsync(IOrderEngine engine, string orderId, CancellationToken cancellationToken)
    {
        if (!ServiceOrderValidator.IsValidId(orderId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid order id", "Order ids are 1 to 64 letters, digits, '-' or '_'.");
        }

        var instance = await engine.GetAsync(new OrderId(orderId), cancellationToken);
        if (instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Order not found", $"There is no order {orderId}.");
        }

        return Results.Json(ToView(instance), ServiceOrdersJson.Options);
    }

    public async Task<IResult> CompleteFieldActivityAsync(IOrderEngine engine, string activityId, HttpRequest http, CancellationToken cancellationToken)
    {
        var (completion, problem) = await ReadBodyAsync<FieldCompletion>(http, cancellationToken);
        if (completion is null)
        {
            return problem!;
        }

        if (AnswerValidator.Validate(completion, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return ValidationProblem(errors, "Invalid completion");
        }

        return await RaiseAnswerAsync(
            engine, activityId, OrderEvents.FieldWorkCompleted, new FieldWorkCompleted(new FieldActivityId(activityId), completion), AnswerOutcome.Of(completion), cancellationToken);
    }

    public async Task<IResult> ReportCommandResultAsync(IOrderEngine engine, string commandId, HttpRequest http, CancellationToken cancellationToken)
    {
        var (result, problem) = await ReadBodyAsync<HeadEndResult>(http, cancellationToken);
        if (result is null)
        {
            return problem!;
        }

        if (AnswerValidator.Validate(result, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return ValidationProblem(errors, "Invalid command result");
        }

        return await RaiseAnswerAsync(
            engine, commandId, OrderEvents.HeadEndAnswered, new HeadEndAnswered(new CommandId(commandId), result), result.IsFinal ? AnswerOutcome.Of(result) : null, cancellationToken);
    }

    /// <summary>The CIS calls an order off; work under way gets a cancel request, and what was done is undone where it must be.</summary>
    public async Task<IResult> CancelOrderAsync(IOrderEngine engine, string orderId, HttpRequest http, CancellationToken cancellationToken)
    {
        var (cancel, problem) = await ReadBodyAsync<CancelRequested>(http, cancellationToken);
        if (cancel is null)
        {
            return problem!;
        }

        // A person cancels for a reason from the list, in their own name.
        var caller = Caller.Of(http.HttpContext);
        if (caller.IsPerson)
        {
            if (AuditTrail.CheckReason(caller, cancel.Reason) is { } noReason)
            {
                return noReason;
            }

            cancel = cancel with { RequestedBy = caller.Actor };
        }

        if ((CheckText(cancel.Reason, "reason", 500) ?? CheckText(cancel.RequestedBy, "requestedBy", 64)) is { } invalid)
        {
            return invalid;
        }

        var known = AuditReasons.IsKnown(cancel.Reason);
        return await RaiseOnOrderAsync(engine, orderId, OrderEvents.CancelRequested, cancel, requiredPhase: null,
            new Change(caller, "Cancel", known ? cancel.Reason : null, known ? null : cancel.Reason), cancellationToken);
    }

    /// <summary>The CIS moves the service date of an order that has not started its work.</summary>
    public async Task<IResult> UpdateOrderAsync(IOrderEngine engine, string orderId, HttpRequest http, CancellationToken cancellationToken)
    {
        var (update, problem) = await ReadBodyAsync<OrderUpdated>(http, cancellationToken);
        if (update is null)
        {
            return problem!;
        }

        var now = time.GetUtcNow();
        if (update.RequestedDate is { } date && (date < now.AddYears(-1) || date > now.AddYears(2)))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid update", "The requested date must lie between one year ago and two years ahead.");
        }

        if (CheckText(update.RequestedBy, "requestedBy", 64) is { } invalid)
        {
            return invalid;
        }

        return await RaiseOnOrderAsync(engine, orderId, OrderEvents.OrderUpdated, update, OrderPhase.WaitingForServiceDate,
            new Change(Caller.Of(http.HttpContext), "Update", null, update.RequestedDate is { } moved ? $"Service date {moved:u}" : "Go ahead now"), cancellationToken);
    }

    /// <summary>An operator resolves an order in exception: retry, skip, record as done, or cancel.</summary>
    public async Task<IResult> ActOnOrderAsync(IOrderEngine engine, string orderId, HttpRequest http, CancellationToken cancellationToken)
    {
        var (action, problem) = await ReadBodyAsync<OperatorAction>(http, cancellationToken);
        if (action is null)
        {
            return problem!;
        }

        if (!Enum.IsDefined(action.Action))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid action", $"'{action.Action}' is not an operator action.");
        }

        if (action.Action == OperatorActionKind.RecordDone && action.Completion is not { Code: CompletionCode.Completed })
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid action", "RecordDone needs a completion with code Completed, saying what was done.");
        }

        // A person acts in their own name, whatever the body says.
        var caller = Caller.Of(http.HttpContext);
        if (caller.IsPerson)
        {
            action = action with { Operator = caller.Actor };
        }

        if (CheckText(action.Operator, "operator", 64) is { } invalid)
        {
            return invalid;
        }

        if (action.Note is not null && CheckText(action.Note, "note", 500) is { } invalidNote)
        {
            return invalidNote;
        }

        if (action.Reason is not null && !AuditReasons.IsKnown(action.Reason))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid action",
                $"'{action.Reason}' is not a reason; use one of {string.Join(", ", AuditReasons.All.Select(r => r.Key))}.");
        }

        if (AuditTrail.CheckReason(caller, action.Reason) is { } noReason)
        {
            return noReason;
        }

        if (action.Completion is { } completion && AnswerValidator.Validate(completion, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return ValidationProblem(errors, "Invalid action");
        }

        return await RaiseOnOrderAsync(engine, orderId, OrderEvents.OperatorAction, action, OrderPhase.Exception,
            new Change(caller, action.Action.ToString(), action.Reason, action.Note), cancellationToken);
    }

    /// <summary>
    /// The order list: one page of the orders received between <c>from</c> and <c>to</c> (default: the last 7 days, at
    /// most 93 days) that match every filter given, in the order asked for (see <see cref="ReadModel.OrderListParameters"/>).
    /// </summary>
    public async Task<IResult> ListOrdersAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (query, errors) = ReadModel.OrderListParameters.Read(http.Query, time.GetUtcNow());
        if (query is null)
        {
            return ValidationProblem(errors);
        }

        var page = await orderIndex.PageAsync(query, cancellationToken);
        var token = page.Next is { } next ? ReadModel.OrderListParameters.Encode(http.Query, query, next) : null;
        return Results.Json(new OrderPage(page.Items, token), ServiceOrdersJson.Options);
    }

    /// <summary>Orders that wait for a person, oldest first.</summary>
    /// <summary>A person has dealt with an answer conflict (see <see cref="AnswerForwarder"/>): it leaves the exceptions list.</summary>
    public async Task<IResult> DismissAnswerConflictAsync(string activityId, HttpRequest http, CancellationToken cancellationToken)
    {
        if (OrderIds.OrderOf(activityId) is not { } orderId)
        {
            return Problem(StatusCodes.Status404NotFound, ProblemTitles.UnknownActivity, $"No order has an activity {Printable(activityId)}.");
        }

        var dismissed = await exceptions.DismissAnswerConflictAsync(activityId, cancellationToken);
        if (dismissed)
        {
            await audit.RecordAsync(orderId.Value, Caller.Of(http.HttpContext), "DismissAnswerConflict", null, null, AuditTrail.Accepted, activityId, cancellationToken);
        }

        return dismissed
            ? Results.NoContent()
            : Problem(StatusCodes.Status404NotFound, ProblemTitles.AnswerConflictNotFound, $"Activity {activityId} has no answer conflict waiting.");
    }

    public async Task<IResult> ListExceptionsAsync(CancellationToken cancellationToken) =>
        Results.Json(await exceptions.ListAsync(cancellationToken), ServiceOrdersJson.Options);

    public async Task<IResult> PutServicePointAsync(string servicePointId, HttpRequest http, CancellationToken cancellationToken)
    {
        var (point, problem) = await ReadBodyAsync<ServicePoint>(http, cancellationToken);
        if (point is null)
        {
            return problem!;
        }

        // The registry's rules live in the domain, shared with the registry file and the workflow; only the reading,
        // which is checked against the clock, is this endpoint's own.
        var errors = new List<ValidationError>(ServicePointValidator.Validate(point, servicePointId));
        if (point.LastReading is { } reading)
        {
            errors.AddRange(AnswerValidator.Validate(reading, "lastReading", time.GetUtcNow()));
        }

        if (errors.Count > 0)
        {
            return ValidationProblem(errors);
        }

        await audit.RecordAsync(AuditTrail.ServicePointSubject(servicePointId), Caller.Of(http.HttpContext), "PutServicePoint", null, null, AuditTrail.Accepted, null, cancellationToken);
        await registry.UpsertAsync(point, cancellationToken);
        return Results.Json(point, ServiceOrdersJson.Options);
    }

    public async Task<IResult> GetServicePointAsync(string servicePointId, CancellationToken cancellationToken)
    {
        if (!ServiceOrderValidator.IsValidId(servicePointId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid service point id", "Service point ids are 1 to 64 letters, digits, '-' or '_'.");
        }

        var point = await registry.GetAsync(new ServicePointId(servicePointId), cancellationToken);
        return point is null
            ? Problem(StatusCodes.Status404NotFound, "Service point not found", $"Service point {servicePointId} is not registered.")
            : Results.Json(point, ServiceOrdersJson.Options);
    }

    async Task<IResult> RaiseAnswerAsync(
        IOrderEngine engine, string activityId, string eventName, object payload, AnswerOutcome? outcome, CancellationToken cancellationToken)
    {
        var (forwarded, orderId, first) = await forwarder.ForwardAsync(engine, activityId, eventName, payload, outcome, cancellationToken);
        switch (forwarded)
        {
            case ForwardOutcome.Conflict:
                return Problem(StatusCodes.Status409Conflict, ProblemTitles.ConflictingAnswer,
                    $"{activityId} was first reported {first!.Summary} at {first.At:u}; this answer ({outcome!.Summary}) was not applied. " +
                    "It waits for a person on the exceptions list.");
            case ForwardOutcome.UnknownActivity:
                return Problem(StatusCodes.Status404NotFound, "Unknown activity", $"No order has an activity {Printable(activityId)}.");
            case ForwardOutcome.OrderEnded:
                return Problem(StatusCodes.Status409Conflict, "Order has ended", $"Order {orderId} has ended; its activities are closed.");
            default:
                LogAnswerForwarded(logger, eventName, activityId);
                return Results.Json(new { orderId, activityId, accepted = true }, ServiceOrdersJson.Options, statusCode: StatusCodes.Status202Accepted);
        }
    }

    /// <summary>Who changes an order, how and why, for its audit entry.</summary>
    sealed record Change(Caller Caller, string Action, string? Reason, string? Note);

    async Task<IResult> RaiseOnOrderAsync(
        IOrderEngine engine, string orderId, string eventName, object payload, OrderPhase? requiredPhase, Change change, CancellationToken cancellationToken)
    {
        if (!ServiceOrderValidator.IsValidId(orderId))
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid order id", "Order ids are 1 to 64 letters, digits, '-' or '_'.");
        }

        var instance = await engine.GetAsync(new OrderId(orderId), cancellationToken);
        if (instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, "Order not found", $"There is no order {orderId}.");
        }

        // Refusals of a change to an existing order are audited too: someone tried.
        Task AuditAsync(string outcome) =>
            audit.RecordAsync(orderId, change.Caller, change.Action, change.Reason, change.Note, outcome, null, cancellationToken);

        if (instance.HasEnded)
        {
            await AuditAsync(ProblemTitles.OrderHasEnded);
            return Problem(StatusCodes.Status409Conflict, "Order has ended", $"Order {orderId} has ended.");
        }

        if (requiredPhase is { } required && Deserialize<OrderProgress>(instance.SerializedProgress)?.Phase != required)
        {
            await AuditAsync(ProblemTitles.NotPossibleNow);
            return Problem(StatusCodes.Status409Conflict, "Not possible now", $"Order {orderId} is not {required}.");
        }

        await AuditAsync(AuditTrail.Accepted);
        await engine.RaiseEventAsync(new OrderId(orderId), eventName, payload, cancellationToken);
        LogOrderEvent(logger, eventName, orderId);
        return Results.Json(new { orderId, accepted = true }, ServiceOrdersJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    static IResult? CheckText(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) || value.Length > maxLength || value.Any(char.IsControl)
            ? Problem(StatusCodes.Status400BadRequest, "Invalid request", $"{field} is required: at most {maxLength} characters, no control characters.")
            : null;

    static OrderView ToView(OrderInstance instance)
    {
        var start = Deserialize<ServiceOrderStart>(instance.SerializedInput);
        var progress = Deserialize<OrderProgress>(instance.SerializedProgress);
        var result = instance.Status == EngineStatus.Completed ? Deserialize<OrderResult>(instance.SerializedOutput) : null;
        return new OrderView(
            instance.OrderId.Value,
            start?.Request.RequestType,
            start?.Request.ServicePointId,
            instance.Status,
            progress?.Phase,
            progress?.CurrentActivityId,
            progress?.CurrentActivity,
            result?.Outcome,
            result?.ReasonCode,
            result?.Detail ?? instance.FailureMessage,
            result?.Errors,
            result?.FinalState,
            result?.Readings,
            progress?.Timeline ?? [],
            progress?.Exception,
            progress?.WaitingUntil,
            instance.CreatedAt,
            instance.LastUpdatedAt);
    }

    static T? Deserialize<T>(string? json)
        where T : class
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, ServiceOrdersJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static Task<(T? Value, IResult? Problem)> ReadBodyAsync<T>(HttpRequest http, CancellationToken cancellationToken)
        where T : class =>
        HttpBodies.ReadJsonAsync<T>(http, MaxBodyBytes, cancellationToken);

    static string Printable(string value) =>
        value.Length > 80 || value.Any(char.IsControl) ? "(an invalid id)" : value;

    internal static IResult Problem(int status, string title, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: title);

    internal static IResult ValidationProblem(IReadOnlyList<ValidationError> errors, string title = "Invalid request") =>
        Results.Problem(
            detail: string.Join(" ", errors.Select(e => e.Message)),
            statusCode: StatusCodes.Status400BadRequest,
            title: title,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} accepted: {RequestType} at {ServicePointId}")]
    static partial void LogOrderAccepted(ILogger logger, string orderId, RequestType requestType, string servicePointId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} was submitted again; the existing order stands")]
    static partial void LogDuplicateOrder(ILogger logger, string orderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {OrderId} was submitted again with other content ({Fields}); refused, the existing order stands")]
    static partial void LogConflictingDuplicate(ILogger logger, string orderId, string fields);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EventName} raised on order {OrderId}")]
    static partial void LogOrderEvent(ILogger logger, string eventName, string orderId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{EventName} for {ActivityId} forwarded to its order")]
    static partial void LogAnswerForwarded(ILogger logger, string eventName, string activityId);
}
