#if OFFICIAL_SERVICE_BUS_EXTENSION
using Azure.Messaging.ServiceBus;
using ServiceOrders.Adapters.ServiceBus;
#else
using ServiceOrders.Functions.Bindings;
#endif
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Functions.Engine;

namespace ServiceOrders.Functions.Triggers;

/// <summary>
/// Service order requests from the CIS's Service Bus queue, through the intake shared with the standalone host. How a
/// message is settled depends on the build (README, "Service Bus trigger"): with the official extension
/// (<c>-p:UseOfficialServiceBusExtension=true</c>) by hand, through <c>ServiceBusMessageActions</c>; without it, by the
/// host's auto-completion: returning completes, throwing abandons.
/// </summary>
#if OFFICIAL_SERVICE_BUS_EXTENSION
public sealed class ServiceBusIntakeFunction(ServiceOrderIntake intake)
#else
public sealed class ServiceBusIntakeFunction(ServiceOrderIntake intake, IntakePoisonQueue poison)
#endif
{
    public const string FunctionName = "ServiceBusIntake";

    /// <summary>The intake queue, from the app setting <c>ServiceBus__IntakeQueue</c>.</summary>
    public const string QueueExpression = "%ServiceBus:IntakeQueue%";

    /// <summary>The connection: <c>ServiceBusConnection</c>, or <c>ServiceBusConnection__fullyQualifiedNamespace</c> with a managed identity.</summary>
    public const string Connection = "ServiceBusConnection";

#if OFFICIAL_SERVICE_BUS_EXTENSION
    [Function(FunctionName)]
    public async Task RunAsync(
        [ServiceBusTrigger(QueueExpression, Connection = Connection, AutoCompleteMessages = false)] ServiceBusReceivedMessage message,
        ServiceBusMessageActions messageActions,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var (traceParent, traceState) = ServiceBusTraceContext.Of(message.ApplicationProperties);
        var outcome = await intake.HandleAsync(
            new IntakeMessage(message.Body.ToMemory(), message.MessageId, message.DeliveryCount, traceParent, traceState),
            new DurableFunctionsOrderEngine(client), cancellationToken);
        var settlement = outcome.Settlement;
        switch (settlement.Action)
        {
            case IntakeAction.Complete:
                await messageActions.CompleteMessageAsync(message, cancellationToken);
                break;
            case IntakeAction.DeadLetter:
                await messageActions.DeadLetterMessageAsync(
                    message, deadLetterReason: settlement.Reason, deadLetterErrorDescription: settlement.Description, cancellationToken: cancellationToken);
                break;
            default:
                // Service Bus redelivers an abandoned message at once; the pause spaces the deliveries out.
                await Task.Delay(settlement.RetryAfter, cancellationToken);
                await messageActions.AbandonMessageAsync(message, cancellationToken: cancellationToken);
                break;
        }
    }
#else
    [Function(FunctionName)]
    public async Task RunAsync(
        [ServiceBusTrigger(QueueExpression, Connection = Connection)] byte[] body,
        string? messageId,
        int deliveryCount,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        // messageId and deliveryCount are bound from the trigger's binding data.
        var message = new IntakeMessage(body, messageId, deliveryCount);
        var outcome = await intake.HandleAsync(message, new DurableFunctionsOrderEngine(client), cancellationToken);
        var settlement = outcome.Settlement;
        switch (settlement.Action)
        {
            case IntakeAction.Complete:
                return;
            case IntakeAction.DeadLetter:
                // Without message actions the host completes what returns: keep the message and its reason on the
                // poison queue first. Should that write fail, the exception abandons the message and it comes back.
                await poison.AddAsync(message, outcome, cancellationToken);
                return;
            default:
                await Task.Delay(settlement.RetryAfter, cancellationToken);
                throw new IntakeRetryException(outcome);
        }
    }
#endif
}

/// <summary>Thrown to make the Functions host abandon a message, so that Service Bus delivers it again.</summary>
public sealed class IntakeRetryException(IntakeOutcome outcome)
    : Exception($"Request {outcome.RequestId ?? "(unknown)"} could not be taken now; the message is delivered again.",
        (outcome as IntakeOutcome.Transient)?.Error)
{
    public IntakeOutcome Outcome { get; } = outcome;
}
