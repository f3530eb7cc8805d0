using Microsoft.Extensions.Configuration;
using ServiceOrders.AppHost;

// Development only: Azurite, the standalone host with the simulated head-end and crews, and the dashboard that shows
// their state, console logs, traces and metrics. Everything runs as a local process; nothing needs a container engine.
var builder = DistributedApplication.CreateBuilder(args);
var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
// Azurite's data and the API key stay where ./run.sh host keeps them, so both entry points see the same orders.
var data = Path.Combine(repository, ".azurite");
var logs = Path.Combine(repository, "artifacts", "logs");

var azurite = builder.AddLocalAzurite("azurite", repository, data, AzuritePorts.Choose())
    .WithLogFile(logs);
var apiKey = builder.AddParameter("api-key", () => LocalApiKey.Read(builder.Configuration, Path.Combine(data, "api-key")), secret: true);
// The console's own key is a delegating key: the host acts for the person the console names, with that person's roles.
var consoleKey = builder.AddParameter("console-key",
    () => LocalApiKey.Read(builder.Configuration, Path.Combine(data, "console-key"), LocalApiKey.ConsoleKeyVariable), secret: true);

// The host carries the simulated head-end and crews (Simulators:Enabled); they reach it only through its API and queues.
var host = builder.AddProject<Projects.ServiceOrders_DevHost>("host")
    .RunBuildOutput()
    .WithHttpEndpoint(port: builder.Configuration.GetValue("HOST_PORT", 7071), isProxied: false)
    .WithHttpHealthCheck("/api/health")
    .WithEnvironment("AzureWebJobsStorage", azurite)
    .WithEnvironment("Security__ApiKeys__0", apiKey)
    .WithEnvironment("Security__DelegatingKeys__0", consoleKey)
    .WithEnvironment("Simulators__Enabled", "true")
    .WithLogFile(logs)
    .WaitFor(azurite);

// The operator console speaks to the host's API only; people sign in with the development sign-in, whose password is
// kept beside the data as the key is.
var consolePassword = builder.AddParameter("console-password",
    () => LocalApiKey.Read(builder.Configuration, Path.Combine(data, "console-password"), LocalApiKey.ConsolePasswordVariable), secret: true);
builder.AddProject<Projects.ServiceOrders_OperatorConsole>("console")
    .RunBuildOutput()
    .WithHttpEndpoint(port: builder.Configuration.GetValue("CONSOLE_PORT", DevelopmentConsole.Port), isProxied: false)
    .WithEnvironment("Console__ApiBaseUrl", host.GetEndpoint("http"))
    .WithEnvironment("Console__ApiKey", consoleKey)
    .WithEnvironment("Console__TraceUrlTemplate", DevelopmentConsole.TraceUrlTemplate(builder.Configuration["ASPNETCORE_URLS"]))
    .WithEnvironment("Console__DevelopmentPassword", consolePassword)
    .WithEnvironment("Console__DevelopmentUsers", DevelopmentConsole.Users)
    .WithLogFile(logs)
    .WaitFor(host);

builder.StopDependentsFirst();
await builder.Build().RunAsync();
