using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceOrders.AppHost;

public static partial class ShutdownOrderExtensions
{
    /// <summary>
    /// When the AppHost stops, stops first every resource that waits for another, then lets the orchestrator stop the
    /// rest, and ends only once all of them have ended (so that a next run finds the ports and the data free). The
    /// orchestrator alone stops everything at once: the host would lose Azurite in the middle of its own shutdown, could
    /// not give up its durable partition leases, and would be killed after a timeout.
    /// </summary>
    public static IDistributedApplicationBuilder StopDependentsFirst(this IDistributedApplicationBuilder builder)
    {
        // Hosted services stop in the reverse order of their registration: this one before the orchestrator's.
        builder.Services.AddHostedService<DependentsStopper>();
        builder.Configuration["DcpPublisher:WaitForResourceCleanup"] = "true";
        return builder;
    }

    sealed partial class DependentsStopper(
        DistributedApplicationModel model, ResourceCommandService commands, ILogger<DependentsStopper> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) =>
            Task.WhenAll(model.Resources.Where(r => r.Annotations.OfType<WaitAnnotation>().Any()).Select(async resource =>
            {
                var result = await commands.ExecuteCommandAsync(resource.Name, KnownResourceCommands.StopCommand, cancellationToken);
                if (!result.Success)
                {
                    // Not running (it never started, or ended already): the orchestrator deals with what is left.
                    NotStopped(logger, resource.Name, result.Message);
                }
            }));

        [LoggerMessage(Level = LogLevel.Debug, Message = "{Resource} was not stopped ahead of the rest: {Reason}")]
        static partial void NotStopped(ILogger logger, string resource, string? reason);
    }
}
