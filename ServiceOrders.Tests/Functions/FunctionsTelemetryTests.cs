using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Functions.Telemetry;
using ServiceOrders.Workflow.Telemetry;

namespace ServiceOrders.Tests.Functions;

/// <summary>
/// What the Functions worker exports, decided from its settings, and what it then registers. The worker itself cannot run
/// here, so the registrations are built into a plain service provider, with in-memory exporters beside the real ones.
/// </summary>
public partial class FunctionsTelemetryTests
{
    const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://example.invalid/";
    const string WorkerSource = "Microsoft.Azure.Functions.Worker";

    static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();

    [Fact]
    public void WithNeitherOtlpNorAConnectionString_NothingIsExported_AndNothingIsRegistered()
    {
        var settings = Settings((FunctionsTelemetry.OtlpEndpointSetting, " "), (FunctionsTelemetry.ConnectionStringSetting, ""),
            (FunctionsTelemetry.AuthenticationStringSetting, "Authorization=AAD"));
        var services = new ServiceCollection();

        services.AddServiceOrdersFunctionsTelemetry(settings);

        Assert.Equal(new TelemetryExport(false, null), FunctionsTelemetry.ExportFor(settings));
        Assert.Empty(services);
    }

    [Fact]
    public void AnOtlpEndpoint_TurnsOnOtlpAlone()
    {
        var export = FunctionsTelemetry.ExportFor(Settings((FunctionsTelemetry.OtlpEndpointSetting, "http://collector:4317")));

        Assert.Equal(new TelemetryExport(true, null), export);
    }

    [Fact]
    public void AConnectionString_TurnsOnAzureMonitorAlone_SigningInWithNothingButTheConnectionString()
    {
        var export = FunctionsTelemetry.ExportFor(Settings((FunctionsTelemetry.ConnectionStringSetting, ConnectionString)));

        Assert.Equal(new TelemetryExport(false, new AzureMonitorExport(ConnectionString, false, null)), export);
        Assert.Null(export.AzureMonitor!.Credential());
    }

    [Fact]
    public void BothSettings_TurnOnBothExporters()
    {
        var export = FunctionsTelemetry.ExportFor(Settings(
            (FunctionsTelemetry.OtlpEndpointSetting, "http://collector:4317"), (FunctionsTelemetry.ConnectionStringSetting, ConnectionString)));

        Assert.True(export.Otlp);
        Assert.Equal(ConnectionString, export.AzureMonitor?.ConnectionString);
    }

    [Theory]
    [InlineData("Authorization=AAD", true, null)]
    [InlineData("ClientId=1b2c3d4e;Authorization=AAD", true, "1b2c3d4e")]
    [InlineData(" authorization = aad ; clientid = 1b2c3d4e ;", true, "1b2c3d4e")]
    [InlineData("ClientId=1b2c3d4e", false, null)]
    [InlineData("", false, null)]
    public void TheAuthenticationString_DecidesWhetherTheExporterSignsInWithTheManagedIdentity(string authentication, bool entra, string? clientId)
    {
        var export = FunctionsTelemetry.ExportFor(Settings(
            (FunctionsTelemetry.ConnectionStringSetting, ConnectionString), (FunctionsTelemetry.AuthenticationStringSetting, authentication)));

        Assert.Equal(new AzureMonitorExport(ConnectionString, entra, clientId), export.AzureMonitor);
        Assert.Equal(entra, export.AzureMonitor!.Credential() is ManagedIdentityCredential);
    }

    [Fact]
    public void WithAzureMonitor_TheExporterGetsTheConnectionStringAndTheIdentity_AndTheProvidersAreRegistered()
    {
        var settings = Settings((FunctionsTelemetry.ConnectionStringSetting, ConnectionString),
            (FunctionsTelemetry.AuthenticationStringSetting, "ClientId=1b2c3d4e;Authorization=AAD"));
        var services = new ServiceCollection().AddSingleton(settings);

        services.AddServiceOrdersFunctionsTelemetry(settings);

        // Options only: building the providers would start an exporter that calls out to Azure.
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().CurrentValue;
        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        Assert.Contains(services, s => s.ServiceType == typeof(TracerProvider));
        Assert.Contains(services, s => s.ServiceType == typeof(MeterProvider));
        Assert.Equal(bool.TrueString, provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities["WorkerOpenTelemetryEnabled"]);
    }

    [Fact]
    public void WithOtlp_TheServiceOrdersSourceMeterAndWorkerSpansAreExported_AndLogsCarryTheSpan()
    {
        // A closed loopback port: the real OTLP exporter is registered, and sends nowhere.
        var settings = Settings((FunctionsTelemetry.OtlpEndpointSetting, "http://127.0.0.1:9"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        var logs = new List<(string Message, ActivityTraceId TraceId, ActivitySpanId SpanId)>();
        using var metricReader = new BaseExportingMetricReader(new InMemoryExporter<Metric>(metrics));
        var services = new ServiceCollection().AddSingleton(settings).AddLogging();
        services.AddServiceOrdersFunctionsTelemetry(settings);
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans));
        services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddReader(metricReader));
        services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new LogCapture(logs)));
        var reason = $"FunctionsTelemetryTest-{Guid.NewGuid():N}";

        using (var provider = services.BuildServiceProvider())
        {
            _ = provider.GetRequiredService<TracerProvider>();
            _ = provider.GetRequiredService<MeterProvider>();
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger<FunctionsTelemetryTests>();
            using var workerSource = new ActivitySource(WorkerSource);

            using (ServiceOrdersTracing.Intake("http", "FT-1", RequestType.DeviceStatusCheck))
            {
                LogInsideIntake(logger);
            }

            workerSource.StartActivity("Invoke")?.Dispose();
            ServiceOrdersMetrics.IntakeRejected("http", reason);
            metricReader.Collect();
        }

        var intakeSpan = Assert.Single(spans, s => s.Source.Name == ServiceOrdersTracing.SourceName && (string?)s.GetTagItem(ServiceOrdersTracing.OrderIdAttribute) == "FT-1");
        Assert.Contains(spans, s => s.Source.Name == WorkerSource);
        Assert.Contains(metrics, m => m.MeterName == ServiceOrdersMetrics.MeterName && m.Name == "serviceorders.intake.rejected");
        var log = Assert.Single(logs, l => l.Message == "Inside the intake span");
        Assert.Equal((intakeSpan.TraceId, intakeSpan.SpanId), (log.TraceId, log.SpanId));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Inside the intake span")]
    static partial void LogInsideIntake(ILogger logger);

    /// <summary>Keeps what a test needs of each log record: the record itself is pooled and reused after export.</summary>
    sealed class LogCapture(List<(string Message, ActivityTraceId TraceId, ActivitySpanId SpanId)> logs) : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            lock (logs)
            {
                logs.Add((data.FormattedMessage ?? data.Body ?? "", data.TraceId, data.SpanId));
            }
        }
    }
}
