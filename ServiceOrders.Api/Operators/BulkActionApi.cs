using System.Text.Json;
using Microsoft.Extensions.Options;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.Operators;

/// <summary>
/// Bulk actions: a selection of orders resolved against the exceptions list and the order list, previewed, proposed
/// (frozen then), approved by a second person when it cancels or skips more than
/// <see cref="BulkActionOptions.BulkApprovalThreshold"/> orders, and run by <see cref="BulkActionRunner"/>.
/// </summary>
public sealed class BulkActionApi(
    IExceptionQueue exceptions,
    IOrderIndex orderIndex,
    IBulkActionStore store,
    AuditTrail audit,
    IOptions<BulkActionOptions> options,
    TimeProvider time)
{
    /// <summary>A selection of more orders than this is refused.</summary>
    public const int MaxOrders = 5000;

    /// <summary>At most this many order ids in a selection.</summary>
    public const int MaxOrderIds = 1000;

    const int MaxBodyBytes = 128 * 1024;

    /// <summary>How far back a selection by date looks when it gives no start.</summary>
    static readonly TimeSpan DefaultRange = TimeSpan.FromDays(93);

    public async Task<IResult> PreviewAsync(IOrderEngine engine, HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var (items, tooMany) = await ResolveAsync(engine, request, cancellationToken);
        return tooMany is not null ? tooMany : Results.Json(Preview(request, items), ServiceOrdersJson.Options);
    }

    public async Task<IResult> ProposeAsync(IOrderEngine engine, HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await ReadAsync(http, cancellationToken);
        if (request is null)
        {
            return problem!;
        }

        var (items, tooMany) = await ResolveAsync(engine, request, cancellationToken);
        if (tooMany is not null)
        {
            return tooMany;
        }

        if (items.Count == 0)
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidSelection, "The selection matches no order; nothing was proposed.");
        }

        var caller = Caller.Of(http.HttpContext);
        var preview = Preview(request, items);
        var id = $"bulk_{Guid.CreateVersion7(time.GetUtcNow()):N}";
        var view = new BulkActionView(
            id, request.Action, request.Selection, request.Reason, request.Note, caller.Actor, time.GetUtcNow(),
            preview.NeedsApproval ? BulkActionState.AwaitingApproval : BulkActionState.Running,
            null, null, null, items.Count, 0, 0, null);
        await audit.RecordAsync(AuditTrail.BulkActionSubject(id), caller, "ProposeBulkAction", request.Reason, request.Note, AuditTrail.Accepted,
            $"{request.Action} of {items.Count} orders", cancellationToken);
        await store.AddAsync(view, [.. items.Select(i => i.OrderId)], cancellationToken);
        http.HttpContext.Response.Headers.Location = $"/api/bulk-actions/{id}";
        return Results.Json(await store.GetAsync(id, withResults: true, cancellationToken), ServiceOrdersJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    public async Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        Results.Json(await store.ListAsync(cancellationToken), ServiceOrdersJson.Options);

    public async Task<IResult> GetAsync(string id, CancellationToken cancellationToken) =>
        IsPlausibleId(id) && await store.GetAsync(id, withResults: true, cancellationToken) is { } view
            ? Results.Json(view, ServiceOrdersJson.Options)
            : NotFound(id);

    public Task<IResult> ApproveAsync(string id, HttpRequest http, CancellationToken cancellationToken) => DecideAsync(id, http, approve: true, cancellationToken);

    public Task<IResult> RefuseAsync(string id, HttpRequest http, CancellationToken cancellationToken) => DecideAsync(id, http, approve: false, cancellationToken);

    async Task<IResult> DecideAsync(string id, HttpRequest http, bool approve, CancellationToken cancellationToken)
    {
        if (!IsPlausibleId(id))
        {
            return NotFound(id);
        }

        var (decision, problem) = await HttpBodies.ReadOptionalJsonAsync(http, MaxBodyBytes, new BulkDecision(), cancellationToken);
        if (decision is null)
        {
            return problem!;
        }

        if (decision.Note is { } note && (note.Length > 500 || note.Any(char.IsControl)))
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidRequest, "note is at most 500 characters, no control characters.");
        }

        if (await store.GetAsync(id, withResults: false, cancellationToken) is not { } view)
        {
            return NotFound(id);
        }

        var caller = Caller.Of(http.HttpContext);
        if (approve && string.Equals(view.ProposedBy, caller.Actor, StringComparison.OrdinalIgnoreCase))
        {
            return OrderApi.Problem(StatusCodes.Status403Forbidden, ProblemTitles.SecondPersonRequired,
                $"{caller.Actor} proposed bulk action {id}; another Approver must approve it.");
        }

        if (view.State != BulkActionState.AwaitingApproval)
        {
            return OrderApi.Problem(StatusCodes.Status409Conflict, ProblemTitles.AlreadyDecided, $"Bulk action {id} is {view.State}; it waits for no decision.");
        }

        var decided = view with
        {
            State = approve ? BulkActionState.Running : BulkActionState.Refused,
            DecidedBy = caller.Actor,
            DecidedAt = time.GetUtcNow(),
            DecisionNote = decision.Note,
            Results = null,
        };
        await audit.RecordAsync(AuditTrail.BulkActionSubject(id), caller, approve ? "ApproveBulkAction" : "RefuseBulkAction", null, decision.Note, AuditTrail.Accepted, null, cancellationToken);
        if (!await store.DecideAsync(decided, cancellationToken))
        {
            return OrderApi.Problem(StatusCodes.Status409Conflict, ProblemTitles.AlreadyDecided, $"Bulk action {id} was decided meanwhile.");
        }

        return Results.Json(await store.GetAsync(id, withResults: true, cancellationToken), ServiceOrdersJson.Options);
    }

    BulkPreview Preview(BulkActionRequest request, IReadOnlyList<BulkPreviewItem> items)
    {
        var threshold = options.Value.BulkApprovalThreshold;
        var needsApproval = request.Action is BulkActionKind.Cancel or BulkActionKind.Skip && items.Count > threshold;
        return new BulkPreview(request.Action, items.Count, needsApproval, threshold, items);
    }

    async Task<(BulkActionRequest? Request, IResult? Problem)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await HttpBodies.ReadJsonAsync<BulkActionRequest>(http, MaxBodyBytes, cancellationToken);
        if (request is null)
        {
            return (null, problem);
        }

        var errors = new List<ValidationError>();
        if (!Enum.IsDefined(request.Action))
        {
            errors.Add(new(ReasonCodes.InvalidValue, "action", $"action is one of {string.Join(", ", Enum.GetNames<BulkActionKind>())}."));
        }

        if (!AuditReasons.IsKnown(request.Reason))
        {
            // A bulk action always says why, whoever proposes it.
            return (null, AuditTrail.CheckReason(new Caller("", IsPerson: true, []), request.Reason));
        }

        if (request.Note is { } note && (note.Length > 500 || note.Any(char.IsControl)))
        {
            errors.Add(new(ReasonCodes.InvalidValue, "note", "note is at most 500 characters, no control characters."));
        }

        var selection = request.Selection;
        if (selection is null)
        {
            errors.Add(new(ReasonCodes.MissingField, "selection", "selection is required."));
        }
        else
        {
            var hasFilter = selection.Status is not null || selection.RequestType is not null || selection.ReasonCode is not null || selection.HeadEnd is not null
                || selection.ServicePointId is not null || selection.From is not null || selection.To is not null;
            if (selection.OrderIds is { } ids)
            {
                if (hasFilter)
                {
                    errors.Add(new(ReasonCodes.InvalidValue, "selection", "Select either by orderIds or by filters, not both."));
                }

                if (ids.Count is 0 or > MaxOrderIds || ids.Any(id => !ServiceOrderValidator.IsValidId(id)))
                {
                    errors.Add(new(ReasonCodes.InvalidValue, "selection.orderIds", $"orderIds lists 1 to {MaxOrderIds} order ids of 1 to 64 letters, digits, '-' or '_'."));
                }
            }
            else if (!hasFilter)
            {
                errors.Add(new(ReasonCodes.MissingField, "selection", "Give orderIds or at least one filter: a bulk action never selects every order by accident."));
            }

            if (selection.Status is { } status && status is not (OrderStatus.Open or OrderStatus.Exception))
            {
                errors.Add(new(ReasonCodes.InvalidValue, "selection.status", "status is Open or Exception: ended orders take no action."));
            }

            if (request.Action is BulkActionKind.Retry or BulkActionKind.Skip && selection.Status == OrderStatus.Open)
            {
                errors.Add(new(ReasonCodes.InvalidValue, "selection.status", "Retry and Skip act on orders in exception."));
            }

            if (selection.ServicePointId is { } sp && !ServiceOrderValidator.IsValidId(sp))
            {
                errors.Add(new(ReasonCodes.InvalidId, "selection.servicePointId", "Service point ids are 1 to 64 letters, digits, '-' or '_'."));
            }

            var now = time.GetUtcNow();
            if (new[] { selection.From, selection.To }.Any(d => d is { } date && (date < now.AddYears(-100) || date > now.AddYears(100))))
            {
                errors.Add(new(ReasonCodes.DateOutOfRange, "selection.from", "from and to must lie within 100 years of now."));
            }
            else if (selection.From is { } from && selection.To is { } to && (to < from || to - from > DefaultRange))
            {
                errors.Add(new(ReasonCodes.DateOutOfRange, "selection.from", "from must not be after to, and the range at most 93 days."));
            }

            if ((selection.ReasonCode?.Length ?? 0) > 64 || (selection.HeadEnd?.Length ?? 0) > 64)
            {
                errors.Add(new(ReasonCodes.InvalidValue, "selection", "reasonCode and headEnd are at most 64 characters."));
            }
        }

        return errors.Count > 0
            ? (null, OrderApi.ValidationProblem(errors, ProblemTitles.InvalidSelection))
            : (request, null);
    }

    /// <summary>The orders a selection matches now, oldest first, each with what the action would do to it.</summary>
    async Task<(IReadOnlyList<BulkPreviewItem> Items, IResult? TooMany)> ResolveAsync(IOrderEngine engine, BulkActionRequest request, CancellationToken cancellationToken)
    {
        var selection = request.Selection;
        var open = (await exceptions.ListAsync(cancellationToken)).Where(e => e.ActivityId is null).ToList();
        var items = new List<BulkPreviewItem>();
        if (selection.OrderIds is { } ids)
        {
            // Up to MaxOrderIds ids against the whole exceptions list: looked up, not scanned once per id.
            var openById = open.DistinctBy(e => e.OrderId, StringComparer.Ordinal).ToDictionary(e => e.OrderId, StringComparer.Ordinal);
            foreach (var id in ids.Distinct(StringComparer.Ordinal))
            {
                if (openById.TryGetValue(id, out var exception))
                {
                    items.Add(Item(request.Action, exception));
                }
                else if (request.Action == BulkActionKind.Cancel && await OpenOrderAsync(engine, id, cancellationToken) is { } running)
                {
                    items.Add(running);
                }
            }

            return (items, null);
        }

        var byException = selection.Status == OrderStatus.Exception || selection.ReasonCode is not null || request.Action != BulkActionKind.Cancel;
        var to = selection.To ?? time.GetUtcNow();
        var from = selection.From ?? to - DefaultRange;
        ServicePointId? spId = selection.ServicePointId is { } sp ? new ServicePointId(sp) : null;
        if (byException)
        {
            IEnumerable<OrderException> matching = open.Where(e =>
                (selection.RequestType is null || e.RequestType == selection.RequestType)
                && (selection.ReasonCode is null || string.Equals(e.ReasonCode, selection.ReasonCode, StringComparison.OrdinalIgnoreCase))
                && (selection.ServicePointId is null || e.ServicePointId == selection.ServicePointId)
                && (selection.HeadEnd is null || Mentions(e.Detail, selection.HeadEnd)));
            if (selection.From is not null || selection.To is not null)
            {
                var received = (await orderIndex.PageAsync(new OrderListQuery(from, to, MaxOrders + 1, Status: OrderStatus.Exception, ServicePointId: spId), cancellationToken)).Items
                    .Select(e => e.OrderId).ToHashSet(StringComparer.Ordinal);
                matching = matching.Where(e => received.Contains(e.OrderId));
            }

            items.AddRange(matching.Select(e => Item(request.Action, e)));
        }

        if (selection.Status != OrderStatus.Exception && selection.ReasonCode is null && request.Action == BulkActionKind.Cancel)
        {
            var found = (await orderIndex.PageAsync(new OrderListQuery(from, to, MaxOrders + 1, Status: OrderStatus.Open, ServicePointId: spId), cancellationToken)).Items;
            items.AddRange(found
                .Where(e => (selection.RequestType is null || e.RequestType == selection.RequestType)
                    && (selection.HeadEnd is null || Mentions(e.WaitingFor, selection.HeadEnd))
                    && open.All(x => x.OrderId != e.OrderId))
                .OrderBy(e => e.ReceivedAt)
                .Select(e => new BulkPreviewItem(e.OrderId, e.ServicePointId, e.RequestType, OrderStatus.Open, null, Effect(request.Action, OrderStatus.Open, null))));
        }

        return items.Count > MaxOrders
            ? (items, OrderApi.Problem(StatusCodes.Status400BadRequest, ProblemTitles.InvalidSelection, $"The selection matches more than {MaxOrders} orders; narrow it."))
            : (items, null);
    }

    static BulkPreviewItem Item(BulkActionKind action, OrderException exception) =>
        new(exception.OrderId, exception.ServicePointId, exception.RequestType, OrderStatus.Exception, exception.ReasonCode,
            Effect(action, OrderStatus.Exception, exception.StuckActivity?.ToString()));

    static async Task<BulkPreviewItem?> OpenOrderAsync(IOrderEngine engine, string orderId, CancellationToken cancellationToken)
    {
        var instance = await engine.GetAsync(new OrderId(orderId), cancellationToken);
        if (instance is null || instance.HasEnded || string.IsNullOrEmpty(instance.SerializedInput))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ServiceOrderStart>(instance.SerializedInput, ServiceOrdersJson.Options) is { } start
                ? new BulkPreviewItem(orderId, start.Request.ServicePointId, start.Request.RequestType, OrderStatus.Open, null, Effect(BulkActionKind.Cancel, OrderStatus.Open, null))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What the action does to an order, in words.</summary>
    public static string Effect(BulkActionKind action, OrderStatus status, string? stuckActivity) => (action, status) switch
    {
        (BulkActionKind.Retry, _) => $"retried: {stuckActivity ?? "what failed"} is tried again",
        (BulkActionKind.Skip, _) => $"{stuckActivity ?? "the stuck activity"} is skipped; the order goes on as if it had been done",
        (_, OrderStatus.Exception) => "cancelled; what the order did is undone where its request type calls for it",
        _ => "cancelled at its next wait; dispatched work gets a cancel request",
    };

    static bool Mentions(string? text, string headEnd) =>
        text is not null && System.Text.RegularExpressions.Regex.IsMatch(
            text, $@"(^|[^A-Za-z0-9_-]){System.Text.RegularExpressions.Regex.Escape(headEnd)}($|[^A-Za-z0-9_-])", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    static bool IsPlausibleId(string id) => id.Length <= 64 && id.StartsWith("bulk_", StringComparison.Ordinal) && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    static IResult NotFound(string id) =>
        OrderApi.Problem(StatusCodes.Status404NotFound, ProblemTitles.BulkActionNotFound, $"There is no bulk action {(IsPrintable(id) ? id : "(an invalid id)")}.");

    static bool IsPrintable(string id) => id.Length <= 64 && !id.Any(char.IsControl);
}
