using System.Diagnostics;
using System.Text.Json;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Functions;

/// <summary>
/// The Service Bus trigger as the Functions host will load it: the binding in the build's generated
/// <c>functions.metadata</c>, the host extensions the default build asks for, and the build switch that brings in the
/// official extension for deployment.
/// </summary>
public class ServiceBusTriggerMetadataTests
{
    static string BuildOutput(params string[] parts) =>
        RepositoryFiles.PathOf(["ServiceOrders.Functions", .. parts]);

    static JsonElement[] BindingsOf(string function)
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(BuildOutput("bin", RepositoryFiles.Configuration, "net10.0", "functions.metadata")));
        var entry = metadata.RootElement.EnumerateArray().Single(f => f.GetProperty("name").GetString() == function);
        return entry.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToArray();
    }

    [Fact]
    public void TheIntakeFunction_IsTriggeredByTheServiceBusIntakeQueue_OnTheServiceBusConnection()
    {
        var bindings = BindingsOf("ServiceBusIntake");

        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "serviceBusTrigger");
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal("%ServiceBus:IntakeQueue%", trigger.GetProperty("queueName").GetString());
        Assert.Equal("ServiceBusConnection", trigger.GetProperty("connection").GetString());
        Assert.Contains(bindings, b => b.GetProperty("type").GetString() == "durableClient");
    }

    [Fact]
    public void TheDefaultBuild_AsksTheHostForNoServiceBusExtension_SoItRestoresWhereThatPackageIsNotServed()
    {
        var extensions = File.ReadAllText(BuildOutput("obj", RepositoryFiles.Configuration, "net10.0", "WorkerExtensions", "WorkerExtensions.csproj"));

        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask", extensions);
        Assert.DoesNotContain("ServiceBus", extensions);
    }

    [Fact]
    public async Task TheBuildSwitch_BringsInTheOfficialWorkerExtension_InPlaceOfTheAppsOwnAttribute()
    {
        var evaluation = await EvaluateAsync("-p:UseOfficialServiceBusExtension=true");
        var defaults = await EvaluateAsync();

        Assert.Contains("Microsoft.Azure.Functions.Worker.Extensions.ServiceBus", PackageReferences(evaluation));
        Assert.Contains("OFFICIAL_SERVICE_BUS_EXTENSION", evaluation.GetProperty("Properties").GetProperty("DefineConstants").GetString());
        Assert.DoesNotContain(CompiledFiles(evaluation), f => f.StartsWith("Bindings", StringComparison.Ordinal));

        Assert.DoesNotContain("Microsoft.Azure.Functions.Worker.Extensions.ServiceBus", PackageReferences(defaults));
        Assert.DoesNotContain("OFFICIAL_SERVICE_BUS_EXTENSION", defaults.GetProperty("Properties").GetProperty("DefineConstants").GetString());
        Assert.Contains(CompiledFiles(defaults), f => f.StartsWith("Bindings", StringComparison.Ordinal));
    }

    static IEnumerable<string> PackageReferences(JsonElement evaluation) =>
        evaluation.GetProperty("Items").GetProperty("PackageReference").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!);

    static IEnumerable<string> CompiledFiles(JsonElement evaluation) =>
        evaluation.GetProperty("Items").GetProperty("Compile").EnumerateArray().Select(i => i.GetProperty("Identity").GetString()!.Replace('\\', '/'));

    /// <summary>Evaluates the Functions project (no restore, no build) and returns MSBuild's JSON view of it.</summary>
    static async Task<JsonElement> EvaluateAsync(params string[] properties)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } dotnet ? dotnet : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryFiles.Root,
        };
        foreach (var argument in new[]
        {
            "msbuild", BuildOutput("ServiceOrders.Functions.csproj"), "-nologo",
            "-getProperty:DefineConstants", "-getItem:PackageReference", "-getItem:Compile",
            $"-p:Configuration={RepositoryFiles.Configuration}",
        }.Concat(properties))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {await errors}{await output}");
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.Clone();
    }
}
