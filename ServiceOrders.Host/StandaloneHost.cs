using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServiceOrders.Adapters;
using ServiceOrders.Adapters.Webhooks;
using ServiceOrders.Api;
using ServiceOrders.Host.Engine;
using ServiceOrders.Host.Intake;
using ServiceOrders.Host.OpenApi;
using ServiceOrders.Host.Security;
using ServiceOrders.Host.Telemetry;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host;

/// <summary>
/// The product without the Functions host: the same workflow on the Durable Task Framework's Azure Storage provider,
/// with the same HTTP API, on 127.0.0.1:7071 unless told otherwise.
/// </summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="args">Command-line arguments, read as configuration.</param>
    /// <param name="configure">Adds to the services before the host is built (a development entry point adds its simulators here).</param>
    /// <param name="map">Adds to the routes after the product's own.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= DetailFor(context.ProblemDetails.Status, context.HttpContext.Request.Method));
        builder.Services.AddServiceOrdersWorkflow(builder.Configuration);
        builder.Services.AddServiceOrdersApi();
        builder.Services.AddServiceOrdersTelemetry(builder.Configuration);
        builder.Services.AddOptions<DurableEngineOptions>()
            .Bind(builder.Configuration.GetSection(DurableEngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StandaloneDurableEngine>();
        builder.Services.AddSingleton<IOrderEngine>(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddServiceOrderIntake(builder.Configuration);
        builder.Services.AddQueuePumpOptions(HeadEnds.HeadEndResultListener.PumpName, builder.Configuration, HeadEnds.HeadEndResultListener.Defaults);
        builder.Services.AddHostedService<HeadEnds.HeadEndResultListener>();
        builder.Services.AddQueuePumpOptions<WebhookOptions>(Subscribers.WebhookDeliveryWorker.PumpName, builder.Configuration, Subscribers.WebhookDeliveryWorker.Defaults);
        builder.Services.AddHostedService<Subscribers.WebhookDeliveryWorker>();
        builder.Services.AddHostedService<Operators.BulkActionWorker>();
        builder.Services.AddHostedService<DeadlineSweepWorker>();
        builder.Services.AddServiceOrdersSecurity(builder.Configuration);
        builder.Services.AddServiceOrdersOpenApi();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapServiceOrdersApi().MapGet("/health", (StandaloneDurableEngine engine) => engine.IsRunning
            ? Results.Ok(new HealthStatus("Healthy"))
            : Results.Json(new HealthStatus("Starting"), statusCode: StatusCodes.Status503ServiceUnavailable))
            .DescribeAsHealth()
            .AllowAnonymous();
        app.MapServiceOrdersOpenApi();
        map?.Invoke(app);
        return app;
    }

    /// <summary>
    /// What the answers the framework writes itself (no route, a method or media type the route does not take) say to
    /// the caller, so that every problem names what is wrong.
    /// </summary>
    static string? DetailFor(int? status, string method) => status switch
    {
        StatusCodes.Status404NotFound => "No route matches this address; the routes are described at /openapi/v1.json.",
        StatusCodes.Status405MethodNotAllowed => $"This route does not take {method}; the routes are described at /openapi/v1.json.",
        StatusCodes.Status415UnsupportedMediaType => "This route does not take that media type: send JSON as application/json, registry files as text/csv.",
        _ => null,
    };

    /// <summary>The address the host listens on, for a local caller of its API (such as a simulator) to use.</summary>
    public static Uri ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? DefaultUrl;
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }
}
