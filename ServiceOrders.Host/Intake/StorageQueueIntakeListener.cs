using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Queues;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host.Intake;

/// <summary>
/// Takes service order requests from the storage queue <c>Intake:QueueName</c> (<see cref="QueueNames.ServiceOrderRequests"/>) where no Service
/// Bus is configured: the same body as on Service Bus, base64-encoded as Azure Functions queue triggers expect (plain
/// JSON text is accepted too). A handled or repeated message is deleted; a bad one moves to
/// the poison queue (<see cref="QueueNames.ServiceOrderRequestsPoison"/>) with its reason; after a transient failure the message stays and
/// reappears after a pause, until its last allowed delivery, when it moves to the poison queue as well.
/// The <see cref="QueuePump"/> reads the queue; this is its handler.
/// </summary>
public sealed class StorageQueueIntakeListener(
    StorageConnection storage,
    ServiceOrderIntake intake,
    IntakePoisonQueue poisonQueue,
    IOrderEngine engine,
    IOptions<IntakeOptions> options,
    IOptionsMonitor<QueuePumpOptions> pumps,
    ILogger<StorageQueueIntakeListener> logger) : QueuePumpService, IQueueMessageHandler
{
    /// <summary>The name of its <see cref="QueuePumpOptions"/>, bound from <c>QueuePumps:Intake</c>.</summary>
    public const string PumpName = "Intake";

    /// <summary>Today's settings of the intake queue (<c>Intake:*</c>) are the pump's defaults.</summary>
    internal static void Defaults(QueuePumpOptions pump, IntakeOptions intake)
    {
        pump.BatchSize = intake.MaxConcurrentMessages;
        pump.MaxConcurrency = intake.MaxConcurrentMessages;
        pump.VisibilityTimeout = intake.VisibilityTimeout;
        pump.MaxIdleDelay = intake.PollInterval;
        pump.MaxDequeueCount = intake.MaxDeliveryCount;
    }

    protected override QueuePump CreatePump() =>
        new(QueuePump.RawQueue(storage, options.Value.QueueName), this, pumps.Get(PumpName), logger);

    public async Task<QueueMessageOutcome> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var outcome = await intake.HandleAsync(ToIntakeMessage(message), engine, cancellationToken);
        var settlement = outcome.Settlement;
        return settlement.Action switch
        {
            IntakeAction.Complete => QueueMessageOutcome.Completed,
            IntakeAction.DeadLetter => new QueueMessageOutcome.Poison(settlement.Reason ?? IntakeReasons.TransientFailure, outcome),
            _ => new QueueMessageOutcome.Retry(settlement.RetryAfter),
        };
    }

    public Task RecordPoisonAsync(QueueMessage message, QueueMessageOutcome.Poison poison, CancellationToken cancellationToken)
    {
        var outcome = poison.State as IntakeOutcome
            // A host stopped while handling it, more often than allowed: do not try again.
            ?? new IntakeOutcome.Rejected(null, IntakeReasons.MaxDeliveryCountExceeded,
                [new(IntakeReasons.MaxDeliveryCountExceeded, "body", $"Delivered {message.DequeueCount} times without being settled.")], Replied: false);
        return poisonQueue.AddAsync(ToIntakeMessage(message), outcome, cancellationToken);
    }

    static IntakeMessage ToIntakeMessage(QueueMessage received) =>
        new(QueuePump.BodyOf(received.Body.ToString()), received.MessageId, (int)Math.Min(received.DequeueCount, int.MaxValue));
}
