using System.Text;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.HeadEnds;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host.HeadEnds;

/// <summary>
/// Reads the head-end result queue in the standalone host (Azure Functions reads it with a queue trigger). It reads
/// message text as stored and decodes it itself, as the intake listener does: base64 of JSON as documented, or plain
/// JSON. A client that decodes base64 on receipt fails the whole batch on one message that is not base64, and that
/// message would then block the queue forever. The <see cref="QueuePump"/> reads the queue; this is its handler.
/// </summary>
public sealed class HeadEndResultListener(
    StorageConnection storage,
    HeadEndResultIntake intake,
    IOrderEngine engine,
    TimeProvider time,
    IOptionsMonitor<QueuePumpOptions> pumps,
    ILogger<HeadEndResultListener> logger) : QueuePumpService, IQueueMessageHandler
{
    /// <summary>The name of its <see cref="QueuePumpOptions"/>, bound from <c>QueuePumps:HeadEndResults</c>.</summary>
    public const string PumpName = "HeadEndResults";

    /// <summary>Marks a message the head-end intake has put on the poison queue itself.</summary>
    static readonly object Recorded = new();

    /// <summary>The settings the listener had before they could be configured: one message at a time, from batches of 32.</summary>
    internal static void Defaults(QueuePumpOptions pump)
    {
        pump.BatchSize = 32;
        pump.MaxConcurrency = 1;
        pump.VisibilityTimeout = TimeSpan.FromSeconds(60);
        pump.MinIdleDelay = TimeSpan.FromMilliseconds(250);
        pump.MaxIdleDelay = TimeSpan.FromSeconds(2);
        pump.MaxDequeueCount = 5;
    }

    protected override QueuePump CreatePump() => new(QueuePump.RawQueue(storage, intake.ResultQueue), this, pumps.Get(PumpName), logger);

    public async Task<QueueMessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken) =>
        await intake.HandleAsync(engine, BodyOf(message), time.GetUtcNow(), cancellationToken)
            ? QueueMessageOutcome.Completed
            : new QueueMessageOutcome.Poison("Could not be delivered; the reason is in its poison record.", Recorded);

    public async Task RecordPoisonAsync(QueueMessage message, QueueMessageOutcome.Poison poison, CancellationToken cancellationToken)
    {
        if (poison.State != Recorded)
        {
            // A message failed this often for passing reasons (storage down).
            await intake.PoisonAsync(BodyOf(message), $"Could not be delivered in {pumps.Get(PumpName).MaxDequeueCount} tries.", time.GetUtcNow(), cancellationToken);
        }
    }

    static string BodyOf(QueueMessage message) => Encoding.UTF8.GetString(QueuePump.BodyOf(message.Body.ToString()).Span);
}
