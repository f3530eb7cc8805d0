using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Host.Telemetry;

/// <summary>
/// Exports the host's traces, metrics and logs the standard way: over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (configured by the standard <c>OTEL_*</c> variables), and to Azure Monitor when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set. With neither, nothing is collected or sent.
/// </summary>
public static class TelemetryServices
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ApplicationInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The span sources exported: the product's, the durable engine's, and the HTTP server's and client's.</summary>
    public static IReadOnlyList<string> Sources { get; } = [ServiceOrdersTracing.SourceName, DurableSpanShaper.EngineSource, "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>The meters exported: the product's, and the HTTP server's, client's and the runtime's own.</summary>
    public static IReadOnlyList<string> Meters { get; } = [ServiceOrdersMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "System.Net.Http", "System.Runtime"];

    /// <summary>Where telemetry goes, as configured: OTLP, Azure Monitor, both or nowhere.</summary>
    public sealed record Destinations(bool Otlp, string? ApplicationInsights)
    {
        public bool Any => Otlp || ApplicationInsights is not null;

        public static Destinations From(IConfiguration configuration) => new(
            !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]),
            configuration[ApplicationInsightsVariable] is { Length: > 0 } connection && !string.IsNullOrWhiteSpace(connection) ? connection : null);
    }

    public static IServiceCollection AddServiceOrdersTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var to = Destinations.From(configuration);
        if (!to.Any)
        {
            return services;
        }

        services.AddHostedService<BacklogSampler>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] ?? "serviceorders-host"))
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. Sources]).AddProcessor(new DurableSpanShaper());
                if (to.Otlp)
                {
                    tracing.AddOtlpExporter();
                }

                if (to.ApplicationInsights is { } connection)
                {
                    tracing.AddAzureMonitorTraceExporter(o => o.ConnectionString = connection);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]);
                if (to.Otlp)
                {
                    metrics.AddOtlpExporter();
                }

                if (to.ApplicationInsights is { } connection)
                {
                    metrics.AddAzureMonitorMetricExporter(o => o.ConnectionString = connection);
                }
            })
            // Log records carry the trace and span id of the span they were written in.
            .WithLogging(logging =>
            {
                if (to.Otlp)
                {
                    logging.AddOtlpExporter();
                }

                if (to.ApplicationInsights is { } connection)
                {
                    logging.AddAzureMonitorLogExporter(o => o.ConnectionString = connection);
                }
            });
        return services;
    }
}
