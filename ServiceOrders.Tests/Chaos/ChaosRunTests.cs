using ServiceOrders.Cli.Chaos;
using ServiceOrders.Cli.Output;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Chaos;

/// <summary>
/// The fault-injection run of <c>./run.sh chaos</c>, smaller: orders of every unattended scenario through the intake
/// queue while the host process is killed with SIGKILL twice and Azurite is restarted once. Every order must end as its
/// scenario says, with one final reply to the CIS, one start, and no work carried out twice. The seed is random, so
/// each run puts the kills elsewhere; a failure names the seed to repeat it with.
/// </summary>
[Trait("Category", "Chaos")]
public sealed class ChaosRunTests
{
    [Fact]
    public async Task Orders_survive_host_kills_and_a_storage_restart()
    {
        var settings = new ChaosSettings
        {
            Orders = 30,
            Kills = 2,
            StorageRestarts = 1,
            FeedRate = 10,
            MinUptime = TimeSpan.FromSeconds(2),
            MaxUptime = TimeSpan.FromSeconds(5),
            MaxDowntime = TimeSpan.FromSeconds(1),
            Stall = TimeSpan.FromMinutes(3),
            Timeout = TimeSpan.FromMinutes(8),
        };
        var work = Path.Combine(Path.GetTempPath(), "serviceorders-chaos-" + Guid.NewGuid().ToString("N")[..8]);
        var paths = new LocalSystemPaths(
            RepositoryFiles.PathOf("ServiceOrders.Host", "bin", RepositoryFiles.Configuration, "net10.0", "ServiceOrders.Host.dll"),
            RepositoryFiles.PathOf("node_modules", ".bin", "azurite"),
            work,
            work);
        var output = new StringWriter();
        try
        {
            var result = await new ChaosRun(settings, paths, output, new ProgressLine(TextWriter.Null, rewriteInPlace: false))
                .RunAsync("T" + settings.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None);
            ChaosReport.Write(output, result, findingsShown: 20);

            Assert.True(result.Passed, $"seed {settings.Seed}:{Environment.NewLine}{output}");
            Assert.Equal((2, 1), (result.Kills, result.StorageRestarts));
            Assert.Equal(settings.Orders, result.Audit.Orders);
            Assert.True(result.Audit.WorkCarriedOut > 0, "the outside systems carried out no work");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
