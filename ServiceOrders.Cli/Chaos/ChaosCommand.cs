using System.Globalization;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Demo;
using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.Chaos;

/// <summary>
/// <c>chaos</c>: the fault-injection run (see <see cref="ChaosRun"/>). It starts its own Azurite and host, so it takes
/// where they are rather than the address of a running host. Exit code 0 only when no order was lost, none took effect
/// twice, none is stuck and every order ended as expected. The last line gives the counts.
/// </summary>
internal sealed class ChaosCommand(TimeProvider time) : ICliCommand
{
    const string HostDllOption = "--host-dll";
    const string AzuriteOption = "--azurite";
    const string WorkOption = "--work";
    const string LogsOption = "--logs";
    const string OrdersOption = "--orders";
    const string KillsOption = "--kills";
    const string RestartsOption = "--restarts";
    const string RateOption = "--rate";
    const string SeedOption = "--seed";
    const string InstantOption = "--instant";
    const string StorageOption = "--storage";
    const string StallOption = "--stall";
    const string TimeoutOption = "--timeout";

    /// <summary>The findings listed at the end; the rest are counted.</summary>
    const int FindingsShown = 20;

    static readonly ChaosSettings Defaults = new();

    public string Verb => "chaos";

    public string Summary => "fault injection: orders through the intake while the host is killed and the storage restarted; checks nothing is lost";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(HostDllOption, "PATH", "the built host: ServiceOrders.Host.dll, or ServiceOrders.DevHost.dll", Required: true),
        new(AzuriteOption, "PATH", "the azurite executable (node_modules/.bin/azurite)", Required: true),
        new(WorkOption, "DIR", "where the run keeps Azurite's data: a new or empty directory, or one of an earlier run (emptied first)", Required: true),
        new(LogsOption, "DIR", "where the host, Azurite and the outside systems write their logs (default: the work directory)"),
        new(OrdersOption, "N", $"orders to send (default {Defaults.Orders})"),
        new(KillsOption, "N", $"times the host is killed with SIGKILL and restarted (default {Defaults.Kills})"),
        new(RestartsOption, "N", $"times Azurite is restarted while the host runs (default {Defaults.StorageRestarts})"),
        new(RateOption, "PER_SECOND", $"requests the CIS sends per second (default {Defaults.FeedRate})"),
        new(SeedOption, "N", "seed of the random choices (order mix, moments of the kills), to repeat a run"),
        new(InstantOption, "yes|no", "head-end and crews answer at once (default no: 0.1 s and 0.3 s)"),
        new(StorageOption, "disk|memory", "where Azurite keeps its data (default disk; memory only with --restarts 0)"),
        new(StallOption, "SECONDS", $"once the faults are over, stop waiting when no order ended for this long (default {(int)Defaults.Stall.TotalSeconds})"),
        new(TimeoutOption, "SECONDS", $"the most the run may take (default {(int)Defaults.Timeout.TotalSeconds})"),
    ];

    /// <summary>Marks a work directory as the run's own, so that only such a directory is ever emptied.</summary>
    const string WorkMarker = ".chaos-work";

    /// <summary>Empties the work directory of an earlier run; refuses any other directory that has something in it.</summary>
    static void ClearWorkDirectory(string work)
    {
        if (Directory.Exists(work) && Directory.EnumerateFileSystemEntries(work).Any())
        {
            if (!File.Exists(Path.Combine(work, WorkMarker)))
            {
                throw new UsageException($"{WorkOption} {Printable.Clip(work, 60)} is not empty and not the work directory of an earlier chaos run; give an empty or new directory");
            }

            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, WorkMarker), "");
    }

    public async Task<int> RunAsync(ParsedOptions options, CancellationToken cancellationToken)
    {
        var instant = options.Get(InstantOption) switch
        {
            null or "no" => false,
            "yes" => true,
            var other => throw new UsageException($"{InstantOption} must be yes or no, not '{Printable.Clip(other, 20)}'"),
        };
        var storage = options.Get(StorageOption) switch
        {
            null or "disk" => StorageMode.Disk,
            "memory" => StorageMode.Memory,
            var other => throw new UsageException($"{StorageOption} must be disk or memory, not '{Printable.Clip(other, 20)}'"),
        };
        var settings = new ChaosSettings
        {
            Storage = storage,
            Orders = OptionValues.Count(OrdersOption, options.Get(OrdersOption), Defaults.Orders, 1, 100_000),
            Kills = OptionValues.Count(KillsOption, options.Get(KillsOption), Defaults.Kills, 0, 100),
            StorageRestarts = OptionValues.Count(RestartsOption, options.Get(RestartsOption), Defaults.StorageRestarts, 0, 20),
            FeedRate = OptionValues.Number(RateOption, options.Get(RateOption), Defaults.FeedRate, 0.1, 10_000),
            Seed = OptionValues.Count(SeedOption, options.Get(SeedOption), Random.Shared.Next(1, 1_000_000), 0, int.MaxValue),
            HeadEndDelay = instant ? TimeSpan.Zero : Defaults.HeadEndDelay,
            CrewDelay = instant ? TimeSpan.Zero : Defaults.CrewDelay,
            Stall = OptionValues.Seconds(StallOption, options.Get(StallOption), (int)Defaults.Stall.TotalSeconds, 24 * 60 * 60),
            Timeout = OptionValues.Seconds(TimeoutOption, options.Get(TimeoutOption), (int)Defaults.Timeout.TotalSeconds, 7 * 24 * 60 * 60),
        };

        if (settings.Storage == StorageMode.Memory && settings.StorageRestarts > 0)
        {
            throw new UsageException($"{StorageOption} memory loses everything on a restart: give {RestartsOption} 0");
        }

        var work = options.Require(WorkOption);
        ClearWorkDirectory(work);

        var paths = new LocalSystemPaths(options.Require(HostDllOption), options.Require(AzuriteOption), work, options.Get(LogsOption) ?? work);
        var run = new ChaosRun(settings, paths, Console.Out, ProgressLine.ForConsole());
        var result = await run.RunAsync(RunTag.New(time), cancellationToken);
        ChaosReport.Write(Console.Out, result, FindingsShown);
        return result.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
