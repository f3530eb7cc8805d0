using System.Text.Json;
using ServiceOrders.Host.Engine;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Functions;

/// <summary>
/// The Functions app cannot be started on build machines, so these tests read what its build generated: the function
/// metadata the Functions host loads, and the host configuration.
/// </summary>
public class FunctionsAppTests
{
    static readonly Lazy<Dictionary<string, string[]>> Functions = new(() =>
    {
        var path = RepositoryFiles.PathOf("ServiceOrders.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));
        return metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!).ToArray());
    });

    [Fact]
    public void TheFunctionsApp_RegistersTheOrchestratorAndEveryActivityTheStandaloneHostRuns()
    {
        foreach (var name in ActivityCatalog.OrchestrationNames)
        {
            Assert.Contains("orchestrationTrigger", Functions.Value[name]);
        }

        foreach (var name in ActivityCatalog.ActivityNames)
        {
            Assert.True(Functions.Value.TryGetValue(name, out var bindings), $"The Functions app has no activity {name}.");
            Assert.Contains("activityTrigger", bindings);
        }
    }

    [Fact]
    public void EveryHttpFunction_IsAnHttpTriggerInTheGeneratedMetadata()
    {
        var triggers = FunctionsHttpTriggers.All();

        Assert.Contains(triggers, t => t.Function == "ListOrders");
        foreach (var trigger in triggers)
        {
            Assert.True(Functions.Value.TryGetValue(trigger.Function, out var bindings), $"The Functions app has no function {trigger.Function}.");
            Assert.Contains("httpTrigger", bindings);
        }
    }

    [Fact]
    public void HostJson_ConfiguresDurableTaskAtTheTopLevelOfExtensions()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("host.json")));

        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
        Assert.Equal("ServiceOrders", hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());
        Assert.False(hostJson.RootElement.GetProperty("logging").TryGetProperty("extensions", out _));
    }

    [Theory]
    [InlineData("repository")]
    [InlineData("build output")]
    public void HostJson_ExportsThroughOpenTelemetry_WithDurableDistributedTracingV2(string copy)
    {
        // The Functions host reads the copy the build puts beside the app; the repository's root holds the original.
        var path = copy == "repository"
            ? RepositoryFiles.PathOf("host.json")
            : RepositoryFiles.PathOf("ServiceOrders.Functions", "bin", RepositoryFiles.Configuration, "net10.0", "host.json");
        using var hostJson = JsonDocument.Parse(File.ReadAllText(path));
        var tracing = hostJson.RootElement.GetProperty("extensions").GetProperty("durableTask").GetProperty("tracing");

        Assert.Equal("OpenTelemetry", hostJson.RootElement.GetProperty("telemetryMode").GetString());
        Assert.True(tracing.GetProperty("distributedTracingEnabled").GetBoolean());
        Assert.Equal("V2", tracing.GetProperty("version").GetString());
    }
}
