using System.Diagnostics;
using System.Text.Json;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Infra;

public class InfraTests
{
    const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    /// <summary>main.bicep compiled to the ARM template Azure deploys, by the pinned compiler.</summary>
    static readonly Lazy<Task<JsonElement>> Template = new(async () =>
    {
        var (exitCode, output, errors) = await RunAsync(RepositoryFiles.PathOf("infra", "bicep.sh"), "build", RepositoryFiles.PathOf("infra", "main.bicep"), "--stdout");
        Assert.True(exitCode == 0, $"bicep build failed:\n{errors}");
        using var template = JsonDocument.Parse(output);
        return template.RootElement.Clone();
    });

    [Fact]
    public async Task TheBicepTemplates_CompileAndLintWithoutWarnings()
    {
        var (exitCode, output, errors) = await RunAsync(RepositoryFiles.PathOf("infra", "check.sh"));

        Assert.True(exitCode == 0, $"infra/check.sh failed:\n{output}\n{errors}");
        Assert.Contains("infra: Bicep compiles", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicationInsights_IsWorkspaceBased_AndTakesOnlyEntraAuthenticatedTelemetry()
    {
        var resources = Resources(await Template.Value);

        Assert.Single(resources, r => Type(r) == "Microsoft.OperationalInsights/workspaces");
        var appInsights = Assert.Single(resources, r => Type(r) == "Microsoft.Insights/components").GetProperty("properties");
        Assert.Contains("Microsoft.OperationalInsights/workspaces", appInsights.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
        Assert.True(appInsights.GetProperty("DisableLocalAuth").GetBoolean());
    }

    [Fact]
    public async Task TheFunctionApp_SendsTelemetryToApplicationInsights_WithItsUserAssignedIdentity()
    {
        var resources = Resources(await Template.Value);
        var app = Assert.Single(resources, r => Type(r) == "Microsoft.Web/sites");
        var settings = app.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

        Assert.Equal("[reference('appInsights').ConnectionString]", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("[format('ClientId={0};Authorization=AAD', reference('identity').clientId)]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", app.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject().Single().Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppsIdentity_IsMonitoringMetricsPublisher_OnApplicationInsights()
    {
        var resources = Resources(await Template.Value);
        var roles = Module(resources, "identity-roles");
        var parameters = roles.GetProperty("parameters");
        var module = roles.GetProperty("template");
        var publisherRole = module.GetProperty("variables").GetProperty("roles").EnumerateObject().Single(r => r.Value.GetString() == MonitoringMetricsPublisher).Name;

        Assert.Equal("[reference('identity').principalId]", parameters.GetProperty("principalId").GetProperty("value").GetString());
        Assert.Equal("[variables('appInsightsName')]", parameters.GetProperty("appInsightsName").GetProperty("value").GetString());
        var assignment = Assert.Single(Resources(module), r =>
            Type(r) == "Microsoft.Authorization/roleAssignments" && r.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!.Contains($"variables('roles').{publisherRole}", StringComparison.Ordinal));
        Assert.Equal("[resourceId('Microsoft.Insights/components', parameters('appInsightsName'))]", assignment.GetProperty("scope").GetString());
        Assert.Equal("[parameters('principalId')]", assignment.GetProperty("properties").GetProperty("principalId").GetString());
    }

    [Fact]
    public async Task TheOutputs_NameApplicationInsights_AndGiveItsConnectionString()
    {
        var outputs = (await Template.Value).GetProperty("outputs");

        Assert.Equal("[variables('appInsightsName')]", outputs.GetProperty("applicationInsightsName").GetProperty("value").GetString());
        Assert.Equal("[reference('appInsights').ConnectionString]", outputs.GetProperty("applicationInsightsConnectionString").GetProperty("value").GetString());
    }

    [Fact]
    public async Task TheConsole_RunsUnderItsOwnIdentity_AndReadsItsApiKeyFromKeyVault()
    {
        var resources = Resources(await Template.Value);
        var console = Module(resources, "operator-console");
        var site = Assert.Single(Resources(console.GetProperty("template")), r => Type(r) == "Microsoft.Web/sites");
        var settings = Settings(site);

        Assert.True(site.GetProperty("properties").GetProperty("httpsOnly").GetBoolean());
        Assert.True(site.GetProperty("properties").GetProperty("siteConfig").GetProperty("webSocketsEnabled").GetBoolean());
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1})'", settings["Console__ApiKey"], StringComparison.Ordinal);
        Assert.Contains("Console__Entra__ClientId", settings.Keys);
        Assert.Contains("Console__ApiBaseUrl", settings.Keys);
        Assert.Equal("[parameters('consoleEntraClientId')]", console.GetProperty("parameters").GetProperty("entraClientId").GetProperty("value").GetString());

        // Its own identity, not the Function App's: the console needs no storage or Service Bus rights.
        var consoleIdentity = Assert.Single(Resources(console.GetProperty("template")), r => Type(r) == "Microsoft.ManagedIdentity/userAssignedIdentities");
        Assert.StartsWith("[format('id-console-{0}'", consoleIdentity.GetProperty("name").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFunctionApp_AcceptsTheConsolesKey_AsADelegatingKey_FromKeyVault()
    {
        var resources = Resources(await Template.Value);
        var app = Assert.Single(resources, r => Type(r) == "Microsoft.Web/sites");
        var vault = Assert.Single(resources, r => Type(r) == "Microsoft.KeyVault/vaults").GetProperty("properties");

        Assert.True(vault.GetProperty("enableRbacAuthorization").GetBoolean());
        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0}secrets/{1})'", Settings(app)["Security__DelegatingKeys__0"], StringComparison.Ordinal);
        Assert.Equal("[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', variables('identityName'))]", app.GetProperty("properties").GetProperty("keyVaultReferenceIdentity").GetString());
    }

    static Dictionary<string, string> Settings(JsonElement site) =>
        site.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);

    /// <summary>The nested deployment of the module deployed under <paramref name="name"/>.</summary>
    static JsonElement Module(List<JsonElement> resources, string name) =>
        Assert.Single(resources, r => Type(r) == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == name).GetProperty("properties");

    static string? Type(JsonElement resource) => resource.GetProperty("type").GetString();

    /// <summary>A template's resources: an array, or an object keyed by symbolic name (language version 2.0).</summary>
    static List<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array
            ? [.. resources.EnumerateArray()]
            : [.. resources.EnumerateObject().Select(r => r.Value)];
    }

    static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [script, .. arguments])
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
