using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ServiceOrders.Tests.Security;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Api;

/// <summary>
/// The OpenAPI document as an outside team's tooling sees it: Redocly's linter with its recommended rules (from the
/// repository's <c>node_modules</c>, installed by <c>npm ci</c>; <c>redocly.yaml</c> says which two rules are off and
/// why) finds no error and no warning in it.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public sealed class OpenApiLintTests(SecuredHostFixture host) : IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("serviceorders-openapi-").FullName;

    [Fact]
    public async Task TheDocument_PassesRedoclysRecommendedRules()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Path.Combine(work, "openapi.json");
        await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());
        var config = RepositoryFiles.PathOf("redocly.yaml");

        var (exitCode, output, errors) = await RunAsync(RepositoryFiles.PathOf("node_modules", ".bin", "redocly"),
            "lint", document, "--config", config, "--format", "json");

        Assert.True(output.Contains('{', StringComparison.Ordinal), $"No report from the linter (exit code {exitCode}): {errors}");
        using var report = JsonDocument.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..]);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} " +
                $"at {string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString()))}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Equal(0, exitCode);
    }

    static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
