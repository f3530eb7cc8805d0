using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Adapters.Storage;

/// <summary>The queue pump against Azurite queues of its own: settling, retries, poison, visibility renewal, stopping.</summary>
public class QueuePumpTests
{
    /// <summary>Only to keep a broken test from hanging; nothing here is a speed assertion.</summary>
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    static QueueServiceClient Service => new(TestStorage.ConnectionString);

    static async Task<QueueClient> NewQueueAsync()
    {
        var queue = Service.GetQueueClient($"pump-{Guid.NewGuid():N}");
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    static QueuePumpOptions Fast(int maxDequeueCount = 5, int concurrency = 4, TimeSpan? visibility = null) => new()
    {
        BatchSize = 8,
        MaxConcurrency = concurrency,
        VisibilityTimeout = visibility ?? TimeSpan.FromSeconds(2),
        MinIdleDelay = TimeSpan.FromMilliseconds(50),
        MaxIdleDelay = TimeSpan.FromMilliseconds(200),
        MaxDequeueCount = maxDequeueCount,
        ErrorDelay = TimeSpan.FromMilliseconds(100),
        MaxErrorDelay = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>Messages still on the queue, visible or not.</summary>
    static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Gave up waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task AHandledMessage_IsDeleted()
    {
        var queue = await NewQueueAsync();
        var handler = new TestHandler(queue, (_, _) => Task.FromResult(QueueMessageOutcome.Completed));
        await queue.SendMessageAsync("hello");
        using var stop = new CancellationTokenSource();
        var run = new QueuePump(queue, handler, Fast(), NullLogger.Instance).RunAsync(stop.Token);

        await WaitUntilAsync(async () => handler.Calls.Count == 1 && await CountAsync(queue) == 0, "the message to be handled and deleted");
        await stop.CancelAsync();
        await run.WaitAsync(Deadline);

        Assert.Equal("hello", Assert.Single(handler.Calls).Body.ToString());
        Assert.Empty(handler.Poisoned);
        await queue.DeleteAsync();
    }

    [Fact]
    public async Task AFailingMessage_ComesBack_AndAfterTheLastAllowedTry_IsOnThePoisonQueueWithItsReason()
    {
        var queue = await NewQueueAsync();
        var handler = new TestHandler(queue, (message, _) => message.DequeueCount == 1
            ? throw new InvalidOperationException("storage is down")
            : Task.FromResult<QueueMessageOutcome>(new QueueMessageOutcome.Retry(TimeSpan.Zero)));
        await queue.SendMessageAsync("fails");
        using var stop = new CancellationTokenSource();
        var run = new QueuePump(queue, handler, Fast(maxDequeueCount: 3, visibility: TimeSpan.FromSeconds(2)), NullLogger.Instance).RunAsync(stop.Token);

        await WaitUntilAsync(async () => !handler.Poisoned.IsEmpty && await CountAsync(queue) == 0, "the message on the poison queue");
        await stop.CancelAsync();
        await run.WaitAsync(Deadline);

        // Tried three times (the first threw and came back after its visibility timeout), then given up on unhandled.
        Assert.Equal([1L, 2L, 3L], handler.Calls.Select(c => c.DequeueCount).Order());
        var poisoned = Assert.Single(handler.Poisoned);
        Assert.True(poisoned.DequeueLimitExceeded);
        var record = Assert.Single((await Service.GetQueueClient(queue.Name + "-poison").ReceiveMessagesAsync(10)).Value);
        Assert.Equal($"fails: {poisoned.Reason}", record.Body.ToString());
        Assert.Contains("Delivered 4 times", poisoned.Reason, StringComparison.Ordinal);
        await queue.DeleteAsync();
        await Service.DeleteQueueAsync(queue.Name + "-poison");
    }

    [Fact]
    public async Task AMessageTheHandlerDeclaresUnprocessable_IsOnThePoisonQueueWithTheHandlersReason()
    {
        var queue = await NewQueueAsync();
        var handler = new TestHandler(queue, (_, _) => Task.FromResult<QueueMessageOutcome>(new QueueMessageOutcome.Poison("not a request")));
        await queue.SendMessageAsync("garbage");
        using var stop = new CancellationTokenSource();
        var run = new QueuePump(queue, handler, Fast(), NullLogger.Instance).RunAsync(stop.Token);

        await WaitUntilAsync(async () => !handler.Poisoned.IsEmpty && await CountAsync(queue) == 0, "the message on the poison queue");
        await stop.CancelAsync();
        await run.WaitAsync(Deadline);

        Assert.Single(handler.Calls);
        Assert.False(Assert.Single(handler.Poisoned).DequeueLimitExceeded);
        var record = Assert.Single((await Service.GetQueueClient(queue.Name + "-poison").ReceiveMessagesAsync(10)).Value);
        Assert.Equal("garbage: not a request", record.Body.ToString());
        await queue.DeleteAsync();
        await Service.DeleteQueueAsync(queue.Name + "-poison");
    }

    [Fact]
    public async Task ASlowHandlersMessage_IsNotDeliveredAgainWhileItRuns()
    {
        var queue = await NewQueueAsync();
        // Several visibility timeouts long: without renewal the pump itself would receive the message again.
        var handler = new TestHandler(queue, async (_, _) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(7), CancellationToken.None);
            return QueueMessageOutcome.Completed;
        });
        await queue.SendMessageAsync("slow");
        using var stop = new CancellationTokenSource();
        var run = new QueuePump(queue, handler, Fast(concurrency: 4, visibility: TimeSpan.FromSeconds(2)), NullLogger.Instance).RunAsync(stop.Token);

        await WaitUntilAsync(async () => handler.Finished == 1 && await CountAsync(queue) == 0, "the slow message to be handled and deleted");
        await stop.CancelAsync();
        await run.WaitAsync(Deadline);

        Assert.Equal(1L, Assert.Single(handler.Calls).DequeueCount);
        await queue.DeleteAsync();
    }

    [Fact]
    public async Task Stopping_EndsThePump_AndAMessageWhoseHandlerDidNotFinish_StaysOnTheQueue()
    {
        var queue = await NewQueueAsync();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new TestHandler(queue, async (_, cancellationToken) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return QueueMessageOutcome.Completed;
        });
        await queue.SendMessageAsync("unfinished");
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        var run = new QueuePump(queue, handler, Fast(visibility: TimeSpan.FromSeconds(2)), NullLogger.Instance).RunAsync(stop.Token, abort.Token);
        await started.Task.WaitAsync(Deadline);

        // Stopping waits for the handler in flight; the host's shutdown timeout then cancels it.
        await stop.CancelAsync();
        await Task.Delay(300);
        Assert.False(run.IsCompleted, "The pump stopped before its handler in flight finished.");
        await abort.CancelAsync();
        await run.WaitAsync(Deadline);

        Assert.Equal(1, await CountAsync(queue));
        QueueMessage[] again = [];
        await WaitUntilAsync(async () => (again = (await queue.ReceiveMessagesAsync(1)).Value).Length == 1, "the unfinished message to come back");
        Assert.Equal(("unfinished", 2L), (again[0].Body.ToString(), again[0].DequeueCount));
        Assert.Single(handler.Calls);
        await queue.DeleteAsync();
    }

    sealed class TestHandler(QueueClient queue, Func<QueueMessage, CancellationToken, Task<QueueMessageOutcome>> handle) : IQueueMessageHandler
    {
        int finished;

        public ConcurrentQueue<QueueMessage> Calls { get; } = new();

        public ConcurrentQueue<QueueMessageOutcome.Poison> Poisoned { get; } = new();

        public int Finished => Volatile.Read(ref finished);

        public async Task<QueueMessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            Calls.Enqueue(message);
            var outcome = await handle(message, cancellationToken);
            Interlocked.Increment(ref finished);
            return outcome;
        }

        public async Task RecordPoisonAsync(QueueMessage message, QueueMessageOutcome.Poison poison, CancellationToken cancellationToken)
        {
            var poisonQueue = Service.GetQueueClient(queue.Name + "-poison");
            await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await poisonQueue.SendMessageAsync($"{message.Body}: {poison.Reason}", cancellationToken);
            Poisoned.Enqueue(poison);
        }
    }
}

