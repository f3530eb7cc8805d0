using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters;
using ServiceOrders.Adapters.CloudEvents;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Adapters.Weather;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host.Intake;

/// <summary>
/// Takes service order requests from the storage queue <c>Intake:QueueName</c> (<see cref="QueueNames.ServiceOrderRequests"/>) where no Service
/// Bus is configured: the same body as on Service Bus, base64-encoded as Azure Functions queue triggers expect (plain
/// JSON text is accepted too). A handled or repeated message is deleted; a bad one moves to
/// the poison queue (<see cref="QueueNames.ServiceOrderRequestsPoison"/>) with its reason; after a transient failure the message stays and
/// reappears after a pause, until its last allowed delivery, when it moves to the poison queue as well.
/// </summary>
public sealed partial class StorageQueueIntakeListener(
    StorageConnection storage,
    ServiceOrderIntake intake,
    IntakePoisonQueue poison,
    IOrderEngine engine,
    IOptions<IntakeOptions> options,
    ILogger<StorageQueueIntakeListener> logger) : BackgroundService
{
    readonly QueueClient queue = RawQueue(storage, options.Value.QueueName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var ready = false;
        LogListening(logger, queue.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            QueueMessage[] messages;
            try
            {
                if (!ready)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
                    ready = true;
                }

                messages = (await queue.ReceiveMessagesAsync(settings.MaxConcurrentMessages, settings.VisibilityTimeout, stoppingToken)).Value;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogReceiveFailed(logger, queue.Name, ex.Message);
                messages = [];
            }

            if (messages.Length == 0)
            {
                await Task.Delay(settings.PollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            await Task.WhenAll(messages.Select(m => HandleAsync(m, stoppingToken)));
        }
    }

    /// <summary>Handles one received message and settles it; never throws, so one message cannot stop the listener.</summary>
    internal async Task HandleAsync(QueueMessage received, CancellationToken cancellationToken)
    {
        var message = new IntakeMessage(BodyOf(received.Body.ToString()), received.MessageId, (int)Math.Min(received.DequeueCount, int.MaxValue));
        try
        {
            IntakeOutcome outcome;
            if (received.DequeueCount > options.Value.MaxDeliveryCount)
            {
                // A host stopped while handling it, more often than allowed: do not try again.
                outcome = new IntakeOutcome.Rejected(null, IntakeReasons.MaxDeliveryCountExceeded,
                    [new(IntakeReasons.MaxDeliveryCountExceeded, "body", $"Delivered {received.DequeueCount} times without being settled.")], Replied: false);
            }
            else
            {
                outcome = await intake.HandleAsync(message, engine, cancellationToken);
            }

            var settlement = outcome.Settlement;
            switch (settlement.Action)
            {
                case IntakeAction.Complete:
                    await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, CancellationToken.None);
                    break;
                case IntakeAction.DeadLetter:
                    await poison.AddAsync(message, outcome, CancellationToken.None);
                    await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, CancellationToken.None);
                    LogPoisoned(logger, received.MessageId, settlement.Reason!);
                    break;
                default:
                    await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, visibilityTimeout: settlement.RetryAfter, cancellationToken: CancellationToken.None);
                    break;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Settling failed (storage trouble): the message reappears after its visibility timeout and is handled again.
            LogSettleFailed(logger, received.MessageId, ex.Message);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message reappears after its visibility timeout.
        }
    }

    /// <summary>
    /// The documented format is base64 of UTF-8 JSON, as Azure Functions queue triggers expect; a body that is JSON
    /// text already is taken as it is. Anything else is passed on as it came, and the intake rejects it.
    /// </summary>
    internal static ReadOnlyMemory<byte> BodyOf(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' or '"')
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer.AsMemory(0, written) : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A client that hands over message text as stored, so the listener decodes it itself and a bad one cannot stop it.</summary>
    internal static QueueClient RawQueue(StorageConnection storage, string name) =>
        storage.ConnectionString is { } connectionString
            ? new QueueClient(connectionString, name)
            : new QueueServiceClient(storage.QueueServiceUri!, storage.Credential!).GetQueueClient(name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking service order requests from storage queue {Queue}")]
    static partial void LogListening(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from storage queue {Queue} failed: {Error}")]
    static partial void LogReceiveFailed(ILogger logger, string queue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intake message {MessageId} moved to the poison queue: {Reason}")]
    static partial void LogPoisoned(ILogger logger, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling intake message {MessageId} failed ({Error}); it will be handled again")]
    static partial void LogSettleFailed(ILogger logger, string messageId, string error);
}
