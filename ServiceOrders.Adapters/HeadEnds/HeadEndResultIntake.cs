using System.Text.Json;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Domain.Activities;
using ServiceOrders.Workflow.Engine;
using ServiceOrders.Workflow.Orchestration;

namespace ServiceOrders.Adapters.HeadEnds;

/// <summary>
/// Takes head-end answers from the result queue to their orders, for head-ends that answer by queue rather than by the
/// HTTP callback. A message that can never be delivered goes to the poison queue with its reason; nothing is dropped.
/// </summary>
public sealed class HeadEndResultIntake(StorageQueues queues, AnswerForwarder forwarder, string resultQueue = HeadEndResultIntake.DefaultResultQueue)
{
    public const string DefaultResultQueue = QueueNames.HeadEndResults;

    /// <summary>The setting that names the result queue in the standalone host (Azure Functions reads the default).</summary>
    public const string ResultQueueSetting = "HeadEndResults:Queue";

    public string ResultQueue => resultQueue;

    public string PoisonQueue => $"{resultQueue}-poison";

    /// <summary>Delivers one message; returns false when it went to the poison queue instead.</summary>
    public async Task<bool> HandleAsync(IOrderEngine engine, string body, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (body.Length > RequestBodies.MaxBytes)
        {
            return await PoisonAsync(body, $"Not a head-end result: messages are limited to {RequestBodies.MaxBytes} characters; this one has {body.Length}.", now, cancellationToken);
        }

        HeadEndResultMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<HeadEndResultMessage>(body, ServiceOrdersJson.Options);
        }
        catch (JsonException ex)
        {
            return await PoisonAsync(body, $"Not a head-end result: {ex.Message}", now, cancellationToken);
        }

        if (message?.Result is null)
        {
            return await PoisonAsync(body, "Not a head-end result: commandId and a result with a known outcome are required.", now, cancellationToken);
        }

        if (AnswerValidator.Validate(message.Result, now) is { Count: > 0 } errors)
        {
            return await PoisonAsync(body, $"Not a valid head-end result: {string.Join(" ", errors.Select(e => e.Message))}", now, cancellationToken);
        }

        var forwarded = await forwarder.ForwardAsync(
            engine, message.CommandId, OrderEvents.HeadEndAnswered, new HeadEndAnswered(new CommandId(message.CommandId), message.Result),
            message.Result.IsFinal ? AnswerOutcome.Of(message.Result) : null, cancellationToken, "queue", message.TraceParent, message.TraceState);
        return forwarded.Outcome switch
        {
            ForwardOutcome.UnknownActivity => await PoisonAsync(body, $"No order has a command {message.CommandId}.", now, cancellationToken),
            ForwardOutcome.OrderEnded => await PoisonAsync(body, $"Order {forwarded.OrderId} has ended; its commands are closed.", now, cancellationToken),
            ForwardOutcome.Conflict => await PoisonAsync(body,
                $"{ReasonCodes.ConflictingAnswer}: command {message.CommandId} was first reported {forwarded.First!.Summary}; this result was not applied and waits for a person.",
                now, cancellationToken),
            _ => true,
        };
    }

    /// <summary>Puts a message on the poison queue with the reason it could not be delivered.</summary>
    public async Task<bool> PoisonAsync(string body, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await queues.SendAsync(PoisonQueue, new HeadEndResultPoisonMessage(body.Length > 16_000 ? body[..16_000] : body, reason, now), cancellationToken);
        return false;
    }
}
