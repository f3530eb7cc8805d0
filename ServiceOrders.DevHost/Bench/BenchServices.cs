using Microsoft.Extensions.Options;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Host.Engine;

namespace ServiceOrders.DevHost.Bench;

/// <summary>The benchmark's diagnostics, present only when <c>Bench:Enabled</c> is true.</summary>
public static class BenchServices
{
    public static IServiceCollection AddBenchDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(BenchOptions.SectionName).Get<BenchOptions>() ?? new BenchOptions();
        services.AddSingleton(Options.Create(options));
        if (options.Enabled)
        {
            // Created now, not on first use, so that the count starts with the host's first request.
            services.AddSingleton(new StorageRequestMeter());
            services.AddSingleton<ReadModelLoad>();
            if (options.Baseline)
            {
                services.AddSingleton<BaselineWorkload>();
                services.AddSingleton<IWorkerExtension>(sp => sp.GetRequiredService<BaselineWorkload>());
            }
        }

        return services;
    }

    public static IEndpointRouteBuilder MapBenchDiagnostics(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<BenchOptions>>().Value.Enabled)
        {
            return app;
        }

        // Diagnostics of the host: for administrators.
        var bench = app.MapGroup("/api/bench").ExcludeFromDescription().RequiresRole(ConsoleRoles.Admin);
        bench.MapGet("/engine", (IOptions<DurableEngineOptions> durable, StorageRequestMeter meter) => Results.Ok(new
        {
            durable = durable.Value,
            requests = meter.Snapshot(),
            processId = Environment.ProcessId,
        }));
        // Without a shape: "hello, cities"; with activities, events and timers: the same-shape orchestration.
        bench.MapPost("/baseline", (int count, string prefix, int? activities, int? events, int? timers, IServiceProvider services, StandaloneDurableEngine engine) =>
        {
            if (services.GetService<BaselineWorkload>() is not { } baseline)
            {
                return Results.Problem("The host runs without Bench:Baseline.", statusCode: StatusCodes.Status404NotFound);
            }

            if (count is < 1 or > 100_000 || string.IsNullOrEmpty(prefix) || prefix.Length > 40 || !prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return Results.Problem("count must be 1 to 100000 and prefix up to 40 letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest);
            }

            BaselineShape? shape = null;
            if (activities is not null || events is not null || timers is not null)
            {
                shape = new BaselineShape(activities ?? 0, events ?? 0, timers ?? 0);
                if (shape.Problem() is { } problem)
                {
                    return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest);
                }
            }

            baseline.Start(engine.OrchestrationService, prefix, count, shape);
            return Results.Accepted();
        });
        bench.MapGet("/baseline", (IServiceProvider services) => services.GetService<BaselineWorkload>() is { } baseline
            ? Results.Ok(new { started = baseline.Started, failedStarts = baseline.FailedStarts, finished = baseline.Finished, answerFailures = baseline.AnswerFailures })
            : Results.Problem("The host runs without Bench:Baseline.", statusCode: StatusCodes.Status404NotFound));

        // The read model bench: made-up orders straight into the order list, then the bench times the list on them.
        bench.MapPost("/read-model", (int count, ReadModelLoad load) => count is < 10 or > 1_000_000
            ? Results.Problem("count must be 10 to 1000000.", statusCode: StatusCodes.Status400BadRequest)
            : load.Start(count)
                ? Results.Accepted()
                : Results.Problem("A load has started already, or the order list is not in Azure Tables.", statusCode: StatusCodes.Status409Conflict));
        bench.MapGet("/read-model", (ReadModelLoad load) => Results.Ok(new { loaded = load.Loaded, total = load.Total, failure = load.Failure }));
        return app;
    }
}
