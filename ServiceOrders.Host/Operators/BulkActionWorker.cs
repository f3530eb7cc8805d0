using Microsoft.Extensions.Options;
using ServiceOrders.Api.Operators;
using ServiceOrders.Host.Engine;

namespace ServiceOrders.Host.Operators;

/// <summary>
/// Runs the bulk actions that may run, in the background: approved ones, and those that needed no approval. What a host
/// killed half-way left is taken up by the next host that starts (the store says which orders were acted on).
/// </summary>
internal sealed partial class BulkActionWorker(
    BulkActionRunner runner,
    StandaloneDurableEngine engine,
    IOptions<BulkActionOptions> options,
    ILogger<BulkActionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.BulkPollInterval > TimeSpan.Zero ? options.Value.BulkPollInterval : TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (engine.IsRunning)
                {
                    await runner.RunPendingAsync(engine, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }

            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Running bulk actions failed; trying again")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
