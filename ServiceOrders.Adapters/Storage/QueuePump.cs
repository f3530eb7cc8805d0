using System.ComponentModel.DataAnnotations;
using System.Text;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceOrders.Adapters.Storage;

/// <summary>What a handler decided about one message.</summary>
public abstract record QueueMessageOutcome
{
    QueueMessageOutcome()
    {
    }

    /// <summary>Handled: the message is deleted.</summary>
    public static QueueMessageOutcome Completed { get; } = new Done();

    /// <summary>Handled; the message leaves the queue.</summary>
    public sealed record Done : QueueMessageOutcome;

    /// <summary>Not handled this time: the message stays and is delivered again after <paramref name="After"/>.</summary>
    public sealed record Retry(TimeSpan After) : QueueMessageOutcome;

    /// <summary>
    /// Can never be handled: the handler records it on its poison queue (<see cref="IQueueMessageHandler.RecordPoisonAsync"/>),
    /// then the message is deleted. <paramref name="State"/> is the handler's own, for the record it writes;
    /// <paramref name="DequeueLimitExceeded"/> says the pump gave up on a message delivered too often.
    /// </summary>
    public sealed record Poison(string Reason, object? State = null, bool DequeueLimitExceeded = false) : QueueMessageOutcome;
}

/// <summary>One storage-queue consumer's work, plugged into a <see cref="QueuePump"/>.</summary>
public interface IQueueMessageHandler
{
    /// <summary>
    /// Handles one message. An exception leaves the message on the queue; it comes back after its visibility timeout.
    /// The token is cancelled only when the host stops waiting for handlers to finish.
    /// </summary>
    Task<QueueMessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken);

    /// <summary>Writes the record of a message given up on to the consumer's poison queue; the pump deletes the message after it.</summary>
    Task RecordPoisonAsync(QueueMessage message, QueueMessageOutcome.Poison poison, CancellationToken cancellationToken);
}

/// <summary>How a <see cref="QueuePump"/> reads its queue.</summary>
public sealed class QueuePumpOptions
{
    /// <summary>Messages asked for in one receive (a storage queue gives at most 32); never more than the free handler slots.</summary>
    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Messages handled at once.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>How long a received message stays invisible; renewed while its handler still works on it.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first wait after an empty receive; it doubles with each empty receive up to <see cref="MaxIdleDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan MinIdleDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wait between two receives on an empty queue.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxIdleDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A message delivered more often than this goes to the poison queue without being handled again.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>The first wait after a failed receive; it doubles with each failure up to <see cref="MaxErrorDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ErrorDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan MaxErrorDelay { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Reads one storage queue for one handler: receives in batches of at most the free handler slots, keeps each message
/// invisible while its handler works on it, waits longer and longer while the queue is empty or storage fails, and
/// settles each message by the handler's outcome. A message delivered more than <see cref="QueuePumpOptions.MaxDequeueCount"/>
/// times is given up on. On stop it receives no more and waits for the handlers in flight; a message whose handler
/// did not finish stays on the queue and comes back after its visibility timeout.
/// </summary>
public sealed partial class QueuePump(QueueClient queue, IQueueMessageHandler handler, QueuePumpOptions options, ILogger logger, TimeProvider? time = null)
{
    readonly TimeProvider time = time ?? TimeProvider.System;

    public string QueueName => queue.Name;

    /// <summary>
    /// Runs until <paramref name="stopping"/> is cancelled, then until the handlers in flight finish.
    /// <paramref name="abort"/> cancels those handlers (the host's shutdown timeout). Never throws.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort = default)
    {
        var concurrency = Math.Max(1, options.MaxConcurrency);
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var inFlight = new List<Task>();
        var minIdle = options.MinIdleDelay <= options.MaxIdleDelay ? options.MinIdleDelay : options.MaxIdleDelay;
        var idleDelay = minIdle;
        var errorDelay = options.ErrorDelay;
        var ready = false;
        LogStarted(logger, queue.Name, options.BatchSize, concurrency);
        while (!stopping.IsCancellationRequested)
        {
            inFlight.RemoveAll(t => t.IsCompleted);
            try
            {
                await slots.WaitAsync(stopping);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var taken = 1;
            while (taken < Math.Clamp(options.BatchSize, 1, 32) && slots.Wait(0))
            {
                taken++;
            }

            QueueMessage[] messages;
            try
            {
                if (!ready)
                {
                    await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
                    ready = true;
                }

                messages = (await queue.ReceiveMessagesAsync(taken, options.VisibilityTimeout, stopping)).Value;
                errorDelay = options.ErrorDelay;
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                slots.Release(taken);
                break;
            }
            catch (Exception ex)
            {
                slots.Release(taken);
                LogReceiveFailed(logger, ex, queue.Name, errorDelay);
                await Task.Delay(errorDelay, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                errorDelay = Min(errorDelay * 2, options.MaxErrorDelay);
                continue;
            }

            if (messages.Length < taken)
            {
                slots.Release(taken - messages.Length);
            }

            if (messages.Length == 0)
            {
                await Task.Delay(idleDelay, time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                idleDelay = Min(idleDelay * 2, options.MaxIdleDelay);
                continue;
            }

            idleDelay = minIdle;
            foreach (var message in messages)
            {
                inFlight.Add(ProcessAsync(message, slots, abort));
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        LogStopped(logger, queue.Name);
    }

    /// <summary>Handles and settles one message; never throws, so one message cannot stop the pump.</summary>
    async Task ProcessAsync(QueueMessage message, SemaphoreSlim slots, CancellationToken abort)
    {
        // Off the receive loop at once, so the next batch is not held up by the first handler's synchronous part.
        await Task.Yield();
        var receipt = new Receipt(message.PopReceipt);
        try
        {
            QueueMessageOutcome? outcome = null;
            using (var renewing = CancellationTokenSource.CreateLinkedTokenSource(abort))
            {
                var renewal = RenewAsync(message, receipt, renewing.Token);
                try
                {
                    outcome = message.DequeueCount > options.MaxDequeueCount
                        ? new QueueMessageOutcome.Poison($"Delivered {message.DequeueCount} times; at most {options.MaxDequeueCount} are allowed.", DequeueLimitExceeded: true)
                        : await handler.HandleAsync(message, abort);
                    if (outcome is QueueMessageOutcome.Poison poison)
                    {
                        await handler.RecordPoisonAsync(message, poison, abort);
                    }
                }
                catch (Exception) when (abort.IsCancellationRequested)
                {
                    LogAbandoned(logger, queue.Name, message.MessageId);
                    outcome = null;
                }
                catch (Exception ex)
                {
                    LogHandlerFailed(logger, ex, queue.Name, message.MessageId, message.DequeueCount);
                    outcome = null;
                }
                finally
                {
                    await renewing.CancelAsync();
                    await renewal;
                }
            }

            switch (outcome)
            {
                case null:
                    // Not settled: the message comes back when its visibility timeout ends.
                    break;
                case QueueMessageOutcome.Retry retry:
                    var after = retry.After < TimeSpan.Zero ? TimeSpan.Zero : Min(retry.After, TimeSpan.FromDays(7));
                    await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: after, cancellationToken: CancellationToken.None);
                    break;
                case QueueMessageOutcome.Poison poison:
                    await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
                    LogPoisoned(logger, queue.Name, message.MessageId, poison.Reason);
                    break;
                default:
                    await queue.DeleteMessageAsync(message.MessageId, receipt.Value, CancellationToken.None);
                    break;
            }
        }
        catch (Exception ex)
        {
            // Settling failed (storage trouble, or the message was taken by another reader): it is handled again.
            LogSettleFailed(logger, ex, queue.Name, message.MessageId);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Keeps the message invisible while its handler works: renews halfway through each visibility timeout. The update
    /// itself is never cancelled halfway, so the pop receipt it returns is always the one used to settle the message.
    /// </summary>
    async Task RenewAsync(QueueMessage message, Receipt receipt, CancellationToken cancellationToken)
    {
        var every = options.VisibilityTimeout / 2;
        while (true)
        {
            await Task.Delay(every, time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                var updated = await queue.UpdateMessageAsync(message.MessageId, receipt.Value, visibilityTimeout: options.VisibilityTimeout, cancellationToken: CancellationToken.None);
                receipt.Value = updated.Value.PopReceipt;
                LogRenewed(logger, queue.Name, message.MessageId);
            }
            catch (Exception ex)
            {
                // The message may become visible again and be handled twice; the handlers are idempotent.
                LogRenewFailed(logger, ex, queue.Name, message.MessageId);
                return;
            }
        }
    }

    /// <summary>
    /// The text of a message read with a client that hands it over as stored: base64 of UTF-8 as documented (what Azure
    /// Functions queue triggers expect), or text that is JSON already. Anything else is passed on as it came.
    /// </summary>
    public static ReadOnlyMemory<byte> BodyOf(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[' or '"')
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer.AsMemory(0, written) : Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A client that hands over message text as stored, so a message that is not base64 cannot fail a whole receive.</summary>
    public static QueueClient RawQueue(StorageConnection storage, string name) =>
        storage.ConnectionString is { } connectionString
            ? new QueueClient(connectionString, name)
            : new QueueServiceClient(storage.QueueServiceUri!, storage.Credential!).GetQueueClient(name);

    static TimeSpan Min(TimeSpan a, TimeSpan b) => a <= b ? a : b;

    sealed class Receipt(string value)
    {
        public string Value { get; set; } = value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading storage queue {Queue}: batches of up to {BatchSize}, {Concurrency} messages at once")]
    static partial void LogStarted(ILogger logger, string queue, int batchSize, int concurrency);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped reading storage queue {Queue}")]
    static partial void LogStopped(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receiving from storage queue {Queue} failed; trying again in {Delay}")]
    static partial void LogReceiveFailed(ILogger logger, Exception exception, string queue, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling message {MessageId} from {Queue} failed on delivery {DequeueCount}; it comes back after its visibility timeout")]
    static partial void LogHandlerFailed(ILogger logger, Exception exception, string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped before message {MessageId} from {Queue} was handled; it comes back after its visibility timeout")]
    static partial void LogAbandoned(ILogger logger, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} from {Queue} moved to the poison queue: {Reason}")]
    static partial void LogPoisoned(ILogger logger, string queue, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Settling message {MessageId} from {Queue} failed; it will be handled again")]
    static partial void LogSettleFailed(ILogger logger, Exception exception, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Message {MessageId} from {Queue} is still being handled; kept invisible")]
    static partial void LogRenewed(ILogger logger, string queue, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Keeping message {MessageId} from {Queue} invisible failed; it may be delivered again")]
    static partial void LogRenewFailed(ILogger logger, Exception exception, string queue, string messageId);
}

/// <summary>
/// A hosted storage-queue consumer: runs a <see cref="QueuePump"/> until the host stops; handlers in flight then get
/// until the host's shutdown timeout to finish.
/// </summary>
public abstract class QueuePumpService : BackgroundService
{
    readonly CancellationTokenSource abort = new();

    protected abstract QueuePump CreatePump();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => CreatePump().RunAsync(stoppingToken, abort.Token);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await using var registration = cancellationToken.Register(abort.Cancel);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        abort.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }
}
