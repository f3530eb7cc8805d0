using ServiceOrders.Adapters.Admission;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host.Admission;

/// <summary>
/// The standalone host's admission pump: runs <see cref="AdmissionPump"/> cycles, again at once while a full batch was
/// started, otherwise when woken (a request taken in, a ticket given back on this host) or after
/// <c>Admission:PollInterval</c>. Every host runs one; the lease lets one of them start orders at a time. A failed
/// cycle (storage unavailable) is logged and tried again, waiting longer each time up to 30 s.
/// </summary>
public sealed partial class AdmissionPumpService(
    AdmissionPump pump,
    AdmissionSignal signal,
    IOrderEngine engine,
    ILogger<AdmissionPumpService> logger) : BackgroundService
{
    static readonly TimeSpan MaxErrorDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var cycle = await pump.RunOnceAsync(engine, stoppingToken);
                failures = 0;
                if (cycle.MoreWaiting)
                {
                    continue;
                }

                wait = pump.PollInterval;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                wait = TimeSpan.FromTicks(Math.Min(pump.PollInterval.Ticks * (1L << Math.Min(failures, 10)), MaxErrorDelay.Ticks));
                LogCycleFailed(logger, e.GetType().Name, e.Message, wait);
            }

            await signal.WaitAsync(wait, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admission pump cycle failed ({ErrorType}: {Error}); trying again in {Wait}")]
    static partial void LogCycleFailed(ILogger logger, string errorType, string error, TimeSpan wait);
}
