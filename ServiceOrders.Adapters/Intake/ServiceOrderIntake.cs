using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Admission;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Adapters.Intake;

/// <summary>
/// The one intake of service order requests by message, whatever carries them (the Functions Service Bus trigger, the
/// standalone host's Service Bus processor or its storage queue listener). It reads and validates the body as
/// <c>POST /api/orders</c> does, and starts the order idempotently under the CIS request id, or, with admission control
/// on (<see cref="AdmissionQueue"/> given), keeps it in the pending store for the admission pump to start. It never
/// throws for a message: the transport settles by the <see cref="IntakeOutcome"/>. The engine client comes with each call, because
/// the Functions host binds one per invocation.
/// </summary>
public sealed partial class ServiceOrderIntake(
    ICisReplySender replies,
    IOptions<OrderPolicyOptions> policy,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<ServiceOrderIntake> logger,
    AdmissionQueue? admission = null)
{
    public async Task<IntakeOutcome> HandleAsync(IntakeMessage message, IOrderEngine engine, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reading = ServiceOrderRequestReader.Read(message.Body.Span, now);
        if (!reading.IsValid)
        {
            return await RejectAsync(message, reading, now, cancellationToken);
        }

        var request = reading.Request!;
        var (traceParent, traceState) = message.TraceParent is { } fromTransport
            ? (fromTransport, message.TraceState)
            : (request.TraceParent, request.TraceState);
        return admission is null
            ? await StartAsync(request, now, traceParent, traceState, message, engine, "queue", cancellationToken)
            : await AddPendingAsync(request, now, traceParent, traceState, message, admission, cancellationToken);
    }

    /// <summary>
    /// Admission control is on: the request waits in the pending store until the admission pump starts it. The row is
    /// written before the message is settled, so nothing accepted is lost; a failed write retries the message.
    /// </summary>
    async Task<IntakeOutcome> AddPendingAsync(
        ServiceOrderRequest request, DateTimeOffset now, string? traceParent, string? traceState, IntakeMessage message, AdmissionQueue queue,
        CancellationToken cancellationToken)
    {
        using var span = ServiceOrdersTracing.Intake("queue", request.RequestId, request.RequestType, traceParent, traceState);
        try
        {
            var priority = AdmissionPriorities.Of(request);
            // The order's trace goes on from this span (or, unobserved, from the context the request came with).
            var pending = new PendingOrder(
                PendingKey.For(priority, now, request.RequestId),
                request,
                message.Body,
                now,
                span?.Id ?? traceParent,
                span is null ? traceState : span.TraceStateString,
                message.MessageId);
            await queue.AddAsync(pending, cancellationToken);
            LogQueued(logger, request.RequestId, request.RequestType, priority, message.MessageId);
            return new IntakeOutcome.Queued(request.RequestId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Transient(message, request.RequestId, ex);
        }
    }

    /// <summary>
    /// Starts the order of a valid request, received at <paramref name="receivedAt"/>, idempotently under its request
    /// id: <see cref="IntakeOutcome.Started"/>, <see cref="IntakeOutcome.Duplicate"/> when that order exists with the same
    /// content, <see cref="IntakeOutcome.Rejected"/> (the CIS told) when it exists with other content, or
    /// <see cref="IntakeOutcome.Transient"/>. Shared by the intake (admission off) and the admission pump.
    /// </summary>
    public async Task<IntakeOutcome> StartAsync(
        ServiceOrderRequest request,
        DateTimeOffset receivedAt,
        string? traceParent,
        string? traceState,
        IntakeMessage message,
        IOrderEngine engine,
        string channel,
        CancellationToken cancellationToken)
    {
        using var span = channel == AdmissionPump.Channel
            ? ServiceOrdersTracing.Admit(request.RequestId, request.RequestType, traceParent, traceState)
            : ServiceOrdersTracing.Intake(channel, request.RequestId, request.RequestType, traceParent, traceState);
        try
        {
            var start = ServiceOrderStart.New(request, policy.Value.ToPolicy(), receivedAt);
            if (await engine.StartAsync(new OrderId(request.RequestId), start, cancellationToken))
            {
                ServiceOrdersMetrics.OrderStarted(request.RequestType);
                LogStarted(logger, request.RequestId, request.RequestType, message.MessageId);
                return new IntakeOutcome.Started(request.RequestId);
            }

            if (await engine.DifferencesAsync(request, cancellationToken) is { Count: > 0 } differences)
            {
                return await RefuseConflictAsync(message, request, differences, time.GetUtcNow(), cancellationToken);
            }

            LogDuplicate(logger, request.RequestId, message.MessageId, message.DeliveryCount);
            return new IntakeOutcome.Duplicate(request.RequestId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Transient(message, request.RequestId, ex);
        }
    }

    /// <summary>
    /// A request under the id of an order started with other content: the CIS is told (under a message id of this
    /// content's own, so that a redelivery tells it once and the order's own replies keep theirs), the message is set
    /// aside, and the order is left as it is.
    /// </summary>
    async Task<IntakeOutcome> RefuseConflictAsync(
        IntakeMessage message, ServiceOrderRequest request, IReadOnlyList<string> differences, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var error = new ValidationError(ReasonCodes.RequestIdInUse, "requestId",
            $"Request id {request.RequestId} is order {request.RequestId}, started with other content ({string.Join(", ", differences)} differ). " +
            "Nothing was started and that order is unchanged: send a new request id for a new request.");
        var reply = new CisReply(
            $"{CisReply.MessageIdFor(request.RequestId, CisReplyKind.Rejected)}.{RequestContent.Fingerprint(request)}",
            request.RequestId,
            request.RequestingSystem,
            CisReplyKind.Rejected,
            now,
            error.Code,
            error.Message,
            [error]);
        await replies.SendAsync(reply, cancellationToken);
        ServiceOrdersMetrics.IntakeRejected("queue", IntakeReasons.RequestIdInUse);
        LogConflict(logger, request.RequestId, message.MessageId, string.Join(", ", differences));
        return new IntakeOutcome.Rejected(request.RequestId, IntakeReasons.RequestIdInUse, [error], Replied: true);
    }

    async Task<IntakeOutcome> RejectAsync(IntakeMessage message, IntakeReading reading, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = reading.Errors;
        var codes = string.Join(", ", errors.Select(e => e.Code).Distinct());
        ServiceOrdersMetrics.IntakeRejected("queue", reading.Reason!);
        if (!ServiceOrderRequestReader.IsReplyable(reading.RequestId))
        {
            LogUnanswerable(logger, message.MessageId, reading.Reason!, codes);
            return new IntakeOutcome.Rejected(null, reading.Reason!, errors, Replied: false);
        }

        var requestId = reading.RequestId!;
        var reply = new CisReply(
            CisReply.MessageIdFor(requestId, CisReplyKind.Rejected),
            requestId,
            IsPrintable(reading.RequestingSystem, 64) ? reading.RequestingSystem! : "CIS",
            CisReplyKind.Rejected,
            now,
            errors[0].Code,
            string.Join(" ", errors.Select(e => e.Message)),
            errors);
        try
        {
            // Idempotent by the reply's message id: a redelivered bad message tells the CIS once.
            await replies.SendAsync(reply, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Transient(message, requestId, ex);
        }

        LogRejected(logger, requestId, message.MessageId, reading.Reason!, codes);
        return new IntakeOutcome.Rejected(requestId, reading.Reason!, errors, Replied: true);
    }

    IntakeOutcome.Transient Transient(IntakeMessage message, string? requestId, Exception error)
    {
        var limits = options.Value;
        var giveUp = message.DeliveryCount >= limits.MaxDeliveryCount;
        var retryAfter = limits.RetryDelayAfter(message.DeliveryCount);
        if (giveUp)
        {
            LogGaveUp(logger, error, requestId, message.MessageId, message.DeliveryCount);
        }
        else
        {
            LogTransient(logger, requestId, message.MessageId, message.DeliveryCount, error.GetType().Name, error.Message, retryAfter);
        }

        return new IntakeOutcome.Transient(requestId, error, giveUp, retryAfter);
    }

    static bool IsPrintable(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && !value.Any(char.IsControl);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} accepted from message {MessageId}: {RequestType}")]
    static partial void LogStarted(ILogger logger, string orderId, RequestType requestType, string? messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} from message {MessageId} waits for admission: {RequestType}, priority {Priority}")]
    static partial void LogQueued(ILogger logger, string requestId, RequestType requestType, AdmissionPriority priority, string? messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Order {OrderId} exists; message {MessageId} (delivery {DeliveryCount}) starts nothing")]
    static partial void LogDuplicate(ILogger logger, string orderId, string? messageId, int deliveryCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} in message {MessageId} uses the id of an order with other content ({Fields}); the CIS was told, the message set aside")]
    static partial void LogConflict(ILogger logger, string requestId, string? messageId, string fields);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId} in message {MessageId} rejected ({Reason}: {Codes}); the CIS was told")]
    static partial void LogRejected(ILogger logger, string requestId, string? messageId, string reason, string codes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} has no readable request id ({Reason}: {Codes}); it is set aside without a reply")]
    static partial void LogUnanswerable(ILogger logger, string? messageId, string reason, string codes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} for request {RequestId} failed on delivery {DeliveryCount} ({ErrorType}: {Error}); delivered again in {RetryAfter}")]
    static partial void LogTransient(ILogger logger, string? requestId, string? messageId, int deliveryCount, string errorType, string error, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message {MessageId} for request {RequestId} failed on its last allowed delivery ({DeliveryCount}); it is set aside")]
    static partial void LogGaveUp(ILogger logger, Exception error, string? requestId, string? messageId, int deliveryCount);
}
