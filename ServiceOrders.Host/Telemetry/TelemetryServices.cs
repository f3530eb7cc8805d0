using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Host.Telemetry;

/// <summary>
/// Exports the product's metrics and spans the standard way: over OTLP, configured by the standard <c>OTEL_*</c> environment
/// variables, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. With nothing configured, nothing is collected or sent.
/// </summary>
public static class TelemetryServices
{
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddServiceOrdersTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(ServiceOrdersMetrics.MeterName).AddOtlpExporter())
            // The HTTP server's own spans too: an intake span is the child of the request's, which carries its traceparent.
            .WithTracing(tracing => tracing.AddSource(ServiceOrdersTracing.SourceName, "Microsoft.AspNetCore").AddOtlpExporter());
        return services;
    }
}
