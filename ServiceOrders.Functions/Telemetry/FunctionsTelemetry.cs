using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Functions.Telemetry;

/// <summary>
/// What the Functions worker exports, read from the same settings the Functions host reads in <c>telemetryMode</c>
/// OpenTelemetry, so the worker's spans, metrics and logs go where the host's go.
/// </summary>
/// <param name="Otlp">Export over OTLP, configured by the standard <c>OTEL_*</c> settings.</param>
/// <param name="AzureMonitor">Export to Application Insights; null when no connection string is set.</param>
public sealed record TelemetryExport(bool Otlp, AzureMonitorExport? AzureMonitor)
{
    /// <summary>Whether any exporter is on; with none, the worker registers no OpenTelemetry at all.</summary>
    public bool Any => Otlp || AzureMonitor is not null;
}

/// <summary>Where and how the worker sends telemetry to Application Insights.</summary>
/// <param name="ConnectionString">Locates the Application Insights resource.</param>
/// <param name="EntraAuthentication">Send with an Entra token of the app's managed identity (<c>Authorization=AAD</c>).</param>
/// <param name="ManagedIdentityClientId">The user-assigned identity's client id; null for the system-assigned one.</param>
public sealed record AzureMonitorExport(string ConnectionString, bool EntraAuthentication, string? ManagedIdentityClientId)
{
    /// <summary>The credential the exporter signs in with; null when ingestion takes the connection string alone.</summary>
    public TokenCredential? Credential() => !EntraAuthentication
        ? null
        : new ManagedIdentityCredential(ManagedIdentityClientId is null
            ? ManagedIdentityId.SystemAssigned
            : ManagedIdentityId.FromUserAssignedClientId(ManagedIdentityClientId));
}

/// <summary>
/// OpenTelemetry for the Functions worker: the product's <c>ServiceOrders</c> source and meter, the worker's own spans
/// (children of the host's invocation spans), and logs, which then carry the trace and span ids.
/// </summary>
public static class FunctionsTelemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// <c>Authorization=AAD</c>, with <c>ClientId=...</c> for a user-assigned identity. The Functions host reads it for its
    /// own exporter; the Azure Monitor exporter does not, so the worker turns it into a credential itself.
    /// </summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The exporters to turn on, given the app's settings.</summary>
    public static TelemetryExport ExportFor(IConfiguration configuration)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return new TelemetryExport(otlp, null);
        }

        var authentication = ParseAuthenticationString(configuration[AuthenticationStringSetting]);
        var entra = authentication.TryGetValue("Authorization", out var scheme) && scheme.Equals("AAD", StringComparison.OrdinalIgnoreCase);
        var clientId = entra && authentication.TryGetValue("ClientId", out var id) && id.Length > 0 ? id : null;
        return new TelemetryExport(otlp, new AzureMonitorExport(connectionString.Trim(), entra, clientId));
    }

    /// <summary>Registers the exporters <see cref="ExportFor"/> asks for; with none, registers nothing.</summary>
    public static IServiceCollection AddServiceOrdersFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var export = ExportFor(configuration);
        if (!export.Any)
        {
            return services;
        }

        // UseFunctionsWorkerDefaults also tells the host that the worker exports its own logs, so the host stops
        // forwarding them: call it only when the worker does export.
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(ServiceOrdersTracing.SourceName))
            .WithMetrics(metrics => metrics.AddMeter(ServiceOrdersMetrics.MeterName))
            .WithLogging();

        if (export.Otlp)
        {
            telemetry.UseOtlpExporter();
        }

        if (export.AzureMonitor is { } azureMonitor)
        {
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = azureMonitor.ConnectionString;
                options.Credential = azureMonitor.Credential();
            });
        }

        return services;
    }

    static Dictionary<string, string> ParseAuthenticationString(string? value)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                pairs[part[..equals].Trim()] = part[(equals + 1)..].Trim();
            }
        }

        return pairs;
    }
}
