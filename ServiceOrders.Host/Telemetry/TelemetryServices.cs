using OpenTelemetry.Metrics;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Host.Telemetry;

/// <summary>
/// Exports the product's metrics the standard way: over OTLP, configured by the standard <c>OTEL_*</c> environment
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

        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ServiceOrdersMetrics.MeterName).AddOtlpExporter());
        return services;
    }
}
