using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServiceOrders.Host.Api;
using ServiceOrders.Host.Bench;
using ServiceOrders.Host.Engine;
using ServiceOrders.Host.Intake;
using ServiceOrders.Host.Security;
using ServiceOrders.Simulators;
using ServiceOrders.Workflow.Configuration;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Host;

/// <summary>
/// The product without the Functions host: the same workflow on the Durable Task Framework's Azure Storage provider,
/// with the same HTTP API, on 127.0.0.1:7071 unless told otherwise.
/// </summary>
public static class StandaloneHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= DetailFor(context.ProblemDetails.Status, context.HttpContext.Request.Method));
        builder.Services.AddServiceOrdersWorkflow(builder.Configuration);
        builder.Services.AddOptions<DurableEngineOptions>()
            .Bind(builder.Configuration.GetSection(DurableEngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StandaloneDurableEngine>();
        builder.Services.AddSingleton<IOrderEngine>(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddServiceOrderIntake(builder.Configuration);
        builder.Services.AddHostedService<HeadEnds.HeadEndResultListener>();
        builder.Services.AddHostedService<Subscribers.WebhookDeliveryWorker>();
        builder.Services.AddServiceOrderSimulators(builder.Configuration, ListeningAddress);
        builder.Services.AddServiceOrdersSecurity(builder.Configuration);
        builder.Services.AddServiceOrdersOpenApi();
        builder.Services.AddBenchDiagnostics(builder.Configuration);

        // The simulators call the API as the outside systems would; unless given a key of their own, they use the host's first.
        builder.Services.AddOptions<SimulatorOptions>()
            .PostConfigure<IConfiguration>((simulators, configuration) => simulators.ApiKey ??= SecurityOptions.FirstApiKey(configuration));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapServiceOrdersApi();
        app.MapServiceOrdersOpenApi();
        app.MapBenchDiagnostics();
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

    /// <summary>The address the host listens on, for the local simulators to answer to.</summary>
    static Uri ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? DefaultUrl;
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }
}
