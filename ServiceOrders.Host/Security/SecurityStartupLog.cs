using Microsoft.Extensions.Options;

namespace ServiceOrders.Host.Security;

/// <summary>Says at start-up how callers authenticate (never a key), and warns loudly when the API is open.</summary>
internal sealed partial class SecurityStartupLog(IOptions<SecurityOptions> security, ILogger<SecurityStartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = security.Value;
        if (options.IsOpen)
        {
            LogOpen(logger, SecurityOptions.SectionName);
        }
        else
        {
            LogCredentials(logger, options.ConfiguredKeys.Count, options.ConfiguredDelegatingKeys.Count, options.Entra.IsConfigured ? options.Entra.Authority! : "not configured");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The API accepts calls without credentials ({Section}:AllowAnonymous=true); anyone who can reach the host can use it")]
    static partial void LogOpen(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Information, Message = "The API requires credentials: {KeyCount} API keys, {DelegatingKeyCount} delegating keys; Entra ID: {Authority}")]
    static partial void LogCredentials(ILogger logger, int keyCount, int delegatingKeyCount, string authority);
}
