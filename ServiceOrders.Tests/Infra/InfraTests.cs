using System.Diagnostics;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Infra;

public class InfraTests
{
    [Fact]
    public async Task TheBicepTemplates_CompileAndLintWithoutWarnings()
    {
        var start = new ProcessStartInfo("bash", [RepositoryFiles.PathOf("infra", "check.sh")])
        {
            WorkingDirectory = RepositoryFiles.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var check = Process.Start(start)!;
        var output = check.StandardOutput.ReadToEndAsync();
        var errors = check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();

        Assert.True(check.ExitCode == 0, $"infra/check.sh failed:\n{await output}\n{await errors}");
        Assert.Contains("infra: Bicep compiles", await output, StringComparison.Ordinal);
    }
}
