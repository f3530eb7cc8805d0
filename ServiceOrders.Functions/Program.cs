using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceOrders.Adapters;
using ServiceOrders.Adapters.Intake;
using ServiceOrders.Api;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Functions.Access;
using ServiceOrders.Functions.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Every HTTP function checks the caller's role, as the standalone host does.
builder.UseWhen<FunctionAccessMiddleware>(context => context.FunctionDefinition.InputBindings.Values.Any(b => b.Type == "httpTrigger"));

// Durable payloads and HTTP bodies use the same JSON settings as the standalone host.
builder.Services.Configure<WorkerOptions>(options => options.Serializer = new JsonObjectSerializer(ServiceOrdersJson.Options));
builder.Services.AddServiceOrdersWorkflow(builder.Configuration);
builder.Services.AddServiceOrdersApi();
builder.Services.AddServiceOrderIntakeHandler(builder.Configuration);
builder.Services.AddServiceOrdersFunctionsTelemetry(builder.Configuration);

await builder.Build().RunAsync();
