using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Adapters.Storage;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Workflow.Ports;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Host.Telemetry;

/// <summary>
/// Counts the backlog for the gauges <c>serviceorders.orders.open</c> and <c>serviceorders.intake.waiting</c> every
/// <c>Telemetry:BacklogInterval</c> (default 30 s): the orders in the order list that are open or in exception, and the
/// approximate number of requests on the intake queue. It runs only when telemetry is exported. A failed count keeps
/// the last one and is tried again at the next interval.
/// </summary>
public sealed partial class BacklogSampler(
    IOrderIndex orders,
    StorageQueues queues,
    IOptions<IntakeOptions> intake,
    IConfiguration configuration,
    ILogger<BacklogSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Telemetry:BacklogInterval", TimeSpan.FromSeconds(30));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSampleFailed(logger, e.Message);
            }

            await Task.Delay(interval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Counts once and publishes the counts to the gauges.</summary>
    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        var open = await orders.CountAsync(OrderStatus.Open, cancellationToken);
        var inException = await orders.CountAsync(OrderStatus.Exception, cancellationToken);
        var queue = await queues.GetAsync(intake.Value.QueueName, cancellationToken);
        var properties = await queue.GetPropertiesAsync(cancellationToken);
        ServiceOrdersMetrics.ReportBacklog(new(open, inException, properties.Value.ApproximateMessagesCount));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not count the backlog for the gauges: {Error}")]
    static partial void LogSampleFailed(ILogger logger, string error);
}
