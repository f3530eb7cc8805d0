using Microsoft.Extensions.Options;
using ServiceOrders.Adapters.Deadlines;

namespace ServiceOrders.Host.Engine;

/// <summary>Sweeps the deadline board every <see cref="DeadlineOptions.SweepInterval"/> while the engine runs.</summary>
internal sealed partial class DeadlineSweepWorker(
    DeadlineSweep sweep,
    StandaloneDurableEngine engine,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineSweepWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (engine.IsRunning)
                {
                    await sweep.SweepAsync(engine, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Value.SweepInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweeping the deadline board failed; trying again")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
