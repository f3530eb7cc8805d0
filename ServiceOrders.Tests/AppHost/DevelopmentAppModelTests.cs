using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceOrders.AppHost;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.AppHost;

/// <summary>
/// What <c>./run.sh</c> relies on in the development entry point, read from its application model as the AppHost builds
/// it, without starting it (that takes the orchestrator, the dashboard and 0.7 GiB): local processes only, Azurite
/// reached directly on the ports it is told to listen on, and a host that starts once Azurite is healthy, from its
/// build output, with the storage, the key and the simulators it needs.
/// </summary>
public sealed class DevelopmentAppModelTests
{
    const string ApiKey = "test-api-key";
    const string ConsolePassword = "test-console-password";
    const string ConsoleKey = "test-console-key";

    [Fact]
    public async Task Resources_AreAzuriteAndTheHost_AsLocalProcesses_NoContainer()
    {
        await using var app = await BuildAsync();
        var model = Model(app);

        Assert.Empty(model.Resources.OfType<ContainerResource>());
        Assert.DoesNotContain(model.Resources, r => r.Annotations.OfType<ContainerImageAnnotation>().Any());
        var azurite = Assert.IsType<AzuriteResource>(model.Resources.Single(r => r.Name == "azurite"));
        Assert.Equal(RepositoryFiles.PathOf("node_modules", ".bin", "azurite"), azurite.Command);
        Assert.IsType<ProjectResource>(model.Resources.Single(r => r.Name == "host"));
    }

    [Fact]
    public async Task Azurite_IsReachedDirectly_OnThePortsItListensOn_WithDataInDotAzurite()
    {
        await using var app = await BuildAsync();
        var azurite = Resource<AzuriteResource>(Model(app), "azurite");
        var arguments = (await LaunchAsync(app, azurite)).Arguments;

        var endpoints = azurite.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        Assert.Equal(["blob", "queue", "table"], endpoints.Keys.Order());
        foreach (var (name, endpoint) in endpoints)
        {
            Assert.False(endpoint.IsProxied, $"the {name} endpoint goes through a proxy");
            Assert.Equal(ValueAfter(arguments, $"--{name}Port"), endpoint.Port?.ToString(CultureInfo.InvariantCulture));
            Assert.Equal("127.0.0.1", ValueAfter(arguments, $"--{name}Host"));
        }

        Assert.Contains("--skipApiVersionCheck", arguments);
        Assert.Contains("--loose", arguments);
        Assert.Equal(RepositoryFiles.PathOf(".azurite"), ValueAfter(arguments, "--location"));
        Assert.Equal(new Uri($"http://127.0.0.1:{endpoints["queue"].Port}/devstoreaccount1"), new QueueServiceClient(azurite.Ports.ConnectionString).Uri);
        Assert.NotEmpty(azurite.Annotations.OfType<HealthCheckAnnotation>());
    }

    [Fact]
    public async Task Host_StartsOnceAzuriteIsHealthy_AndReportsItsOwnHealth()
    {
        await using var app = await BuildAsync();
        var model = Model(app);
        var host = Resource<ProjectResource>(model, "host");

        var wait = Assert.Single(host.Annotations.OfType<WaitAnnotation>());
        Assert.Same(model.Resources.Single(r => r.Name == "azurite"), wait.Resource);
        Assert.Equal(WaitType.WaitUntilHealthy, wait.WaitType);
        Assert.NotEmpty(host.Annotations.OfType<HealthCheckAnnotation>());
    }

    [Theory]
    [InlineData(null, 7071)]
    [InlineData("17123", 17123)]
    public async Task Host_ListensOnHostPort_NotProxied(string? hostPort, int expected)
    {
        await using var app = await BuildAsync(hostPort is null ? [] : [$"HOST_PORT={hostPort}"]);
        var host = Resource<ProjectResource>(Model(app), "host");

        var endpoint = Assert.Single(host.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal("http", endpoint.UriScheme);
        Assert.False(endpoint.IsProxied);
        Assert.Equal(expected, endpoint.Port);
    }

    [Fact]
    public async Task Host_GetsAzurite_TheApiKey_AndTheSimulators()
    {
        await using var app = await BuildAsync();
        var model = Model(app);

        var environment = (await LaunchAsync(app, Resource<ProjectResource>(model, "host"))).Environment;

        Assert.Equal(Resource<AzuriteResource>(model, "azurite").Ports.ConnectionString, environment["AzureWebJobsStorage"]);
        Assert.Equal(ApiKey, environment["Security__ApiKeys__0"]);
        Assert.Equal(ConsoleKey, environment["Security__DelegatingKeys__0"]);
        Assert.Equal("true", environment["Simulators__Enabled"]);
    }

    [Fact]
    public async Task Host_RunsItsBuildOutput_WithItsSettingsFiles()
    {
        await using var app = await BuildAsync();

        var arguments = (await LaunchAsync(app, Resource<ProjectResource>(Model(app), "host"))).Arguments;

        // dotnet exec ASSEMBLY: the process the orchestrator stops is the host itself, which then shuts down in order.
        var output = RepositoryFiles.PathOf("ServiceOrders.DevHost", "bin", RepositoryFiles.Configuration, "net10.0");
        var assembly = Path.Combine(output, "ServiceOrders.DevHost.dll");
        Assert.Equal(["exec", assembly], arguments.Take(2));
        Assert.True(File.Exists(assembly), $"{assembly} is not built");
        Assert.Equal(output, ValueAfter(arguments, "--contentRoot"));
        Assert.True(File.Exists(Path.Combine(output, "appsettings.json")), "the host's settings are not in its content root");
    }

    [Fact]
    public async Task Console_ListensOn7072_AfterTheHost_AndSpeaksToItsApiWithADelegatingKey_BehindTheDevelopmentSignIn()
    {
        await using var app = await BuildAsync();
        var model = Model(app);
        var console = Resource<ProjectResource>(model, "console");

        var endpoint = Assert.Single(console.Annotations.OfType<EndpointAnnotation>());
        Assert.Equal(DevelopmentConsole.Port, endpoint.Port);
        Assert.False(endpoint.IsProxied);
        Assert.Same(model.Resources.Single(r => r.Name == "host"), Assert.Single(console.Annotations.OfType<WaitAnnotation>()).Resource);
        var environment = (await LaunchAsync(app, console)).Environment;
        Assert.Equal(7071, new Uri(environment["Console__ApiBaseUrl"]).Port);
        Assert.Equal(ConsoleKey, environment["Console__ApiKey"]);
        var host = (await LaunchAsync(app, Resource<ProjectResource>(model, "host"))).Environment;
        // The host takes the console's key as a delegating key, not as a system key with every role.
        Assert.Equal(ConsoleKey, host["Security__DelegatingKeys__0"]);
        Assert.Equal(ApiKey, host["Security__ApiKeys__0"]);
        Assert.Equal(ConsolePassword, environment["Console__DevelopmentPassword"]);
        Assert.Equal(DevelopmentConsole.Users, environment["Console__DevelopmentUsers"]);
    }

    [Fact]
    public void TheConsoleLinksAnOrdersTrace_InTheDashboardsTraces_FilteredOnTheOrderId()
    {
        Assert.Equal("http://127.0.0.1:18888/traces?filters=serviceorders.order_id%3Aequals%3A{orderId}",
            DevelopmentConsole.TraceUrlTemplate("http://127.0.0.1:18888/"));
        Assert.Equal("", DevelopmentConsole.TraceUrlTemplate(null));
    }

    /// <summary>The AppHost as Program.cs composes it, built and not started; settings as on its command line.</summary>
    static async Task<DistributedApplication> BuildAsync(params string[] settings)
    {
        // The key is given, so that no key file is made in the repository's .azurite/.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ServiceOrders_AppHost>(
            [$"{LocalApiKey.Variable}={ApiKey}", $"{LocalApiKey.ConsolePasswordVariable}={ConsolePassword}", $"{LocalApiKey.ConsoleKeyVariable}={ConsoleKey}", .. settings]);
        // Program.cs waits in RunAsync for a start that never comes here, and disposing the application waits for it as
        // long as the shutdown timeout (30 s by default).
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(1));
        return await builder.BuildAsync();
    }

    static DistributedApplicationModel Model(DistributedApplication app) => app.Services.GetRequiredService<DistributedApplicationModel>();

    /// <summary>The command-line arguments and environment the orchestrator would start the resource with.</summary>
    static async Task<(string[] Arguments, Dictionary<string, string> Environment)> LaunchAsync(DistributedApplication app, IResource resource)
    {
        var launch = await ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig().WithEnvironmentVariablesConfig()
            .BuildAsync(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), NullLogger.Instance, CancellationToken.None);
        Assert.Null(launch.Exception);
        return ([.. launch.Arguments.Select(a => a.Value)], launch.EnvironmentVariables.ToDictionary());
    }

    static T Resource<T>(DistributedApplicationModel model, string name) where T : IResource =>
        Assert.IsType<T>(model.Resources.Single(r => r.Name == name));

    static string? ValueAfter(string[] arguments, string option) =>
        arguments.SkipWhile(a => a != option).Skip(1).FirstOrDefault();
}
