using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using ServiceOrders.Host.Api;
using ServiceOrders.Host.Engine;
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

        builder.Services.AddProblemDetails();
        builder.Services.AddServiceOrdersWorkflow(builder.Configuration);
        builder.Services.AddOptions<DurableEngineOptions>()
            .Bind(builder.Configuration.GetSection(DurableEngineOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<StandaloneDurableEngine>();
        builder.Services.AddSingleton<IOrderEngine>(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StandaloneDurableEngine>());
        builder.Services.AddServiceOrderSimulators(builder.Configuration, ListeningAddress);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapServiceOrdersApi();
        return app;
    }

    /// <summary>The address the host listens on, for the local simulators to answer to.</summary>
    static Uri ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.FirstOrDefault() ?? DefaultUrl;
        return new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }
}
