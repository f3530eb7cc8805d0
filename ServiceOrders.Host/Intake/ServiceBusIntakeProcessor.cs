using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.ServiceBus;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host.Intake;

/// <summary>
/// Takes service order requests from the Service Bus intake queue, with manual settlement: complete when the order
/// runs or existed already, dead-letter with reason and description when the message is bad (the CIS was told when
/// it could be), abandon after a pause when storage or the engine failed, so the message comes back; Service Bus
/// dead-letters it once it reaches the queue's max delivery count, and the intake itself gives up at
/// <c>Intake:MaxDeliveryCount</c>.
/// </summary>
public sealed partial class ServiceBusIntakeProcessor(
    ServiceBusClient client,
    IOptions<ServiceBusMessagingOptions> serviceBus,
    IOptions<IntakeOptions> options,
    ServiceOrderIntake intake,
    IOrderEngine engine,
    ILogger<ServiceBusIntakeProcessor> logger) : IHostedService, IAsyncDisposable
{
    ServiceBusProcessor? processor;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        processor = client.CreateProcessor(serviceBus.Value.IntakeQueue, new ServiceBusProcessorOptions
        {
            AutoCompleteMessages = false,
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            MaxConcurrentCalls = options.Value.MaxConcurrentMessages,
            // Covers the pause before an abandon, which holds the lock.
            MaxAutoLockRenewalDuration = options.Value.MaxRetryDelay + TimeSpan.FromMinutes(5),
        });
        processor.ProcessMessageAsync += ProcessAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(cancellationToken);
        LogListening(logger, serviceBus.Value.IntakeQueue);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (processor is not null)
        {
            await processor.StopProcessingAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (processor is not null)
        {
            await processor.DisposeAsync();
            processor = null;
        }
    }

    /// <summary>Handles one message and settles it.</summary>
    internal async Task ProcessAsync(ProcessMessageEventArgs args)
    {
        var message = args.Message;
        var (traceParent, traceState) = ServiceBusTraceContext.Of(message.ApplicationProperties);
        var outcome = await intake.HandleAsync(
            new IntakeMessage(message.Body.ToMemory(), message.MessageId, message.DeliveryCount, traceParent, traceState), engine, args.CancellationToken);
        var settlement = outcome.Settlement;
        switch (settlement.Action)
        {
            case IntakeAction.Complete:
                await args.CompleteMessageAsync(message, args.CancellationToken);
                break;
            case IntakeAction.DeadLetter:
                await args.DeadLetterMessageAsync(message, settlement.Reason!, settlement.Description, args.CancellationToken);
                break;
            default:
                // Service Bus redelivers an abandoned message at once; the pause spaces the deliveries out.
                await Task.Delay(settlement.RetryAfter, args.CancellationToken);
                await args.AbandonMessageAsync(message, cancellationToken: args.CancellationToken);
                break;
        }
    }

    Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        LogReceiveError(logger, args.Exception, args.EntityPath, args.ErrorSource.ToString());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Taking service order requests from Service Bus queue {Queue}")]
    static partial void LogListening(ILogger logger, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus intake on {EntityPath} failed in {ErrorSource}")]
    static partial void LogReceiveError(ILogger logger, Exception exception, string entityPath, string errorSource);
}
