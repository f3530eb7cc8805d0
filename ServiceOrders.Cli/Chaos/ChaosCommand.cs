using System.CommandLine;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Demo;
using ServiceOrders.Cli.Local;
using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.Chaos;

/// <summary>
/// <c>chaos</c>: the fault-injection run (see <see cref="ChaosRun"/>). It starts its own Azurite and host, so it takes
/// where they are rather than the address of a running host. Exit code 0 only when no order was lost, none took effect
/// twice, none is stuck and every order ended as expected. The last line gives the counts.
/// </summary>
internal sealed class ChaosCommand
{
    const string WorkOption = "--work";
    const string StorageOption = "--storage";
    const string RestartsOption = "--restarts";

    /// <summary>As many hosts as the task hub has partitions (4): a fifth would own none.</summary>
    const int MaxHosts = 4;

    /// <summary>The findings listed at the end; the rest are counted.</summary>
    const int FindingsShown = 20;

    static readonly ChaosSettings Defaults = new();

    readonly TimeProvider time;
    readonly Option<string> hostDllOption = CliOptions.Text("--host-dll", "PATH", "the built host: ServiceOrders.Host.dll, or ServiceOrders.DevHost.dll", required: true);
    readonly Option<string> azuriteOption = CliOptions.Text("--azurite", "PATH", "the azurite executable (node_modules/.bin/azurite)", required: true);
    readonly Option<string> workOption = CliOptions.Text(WorkOption, "DIR", "where the run keeps Azurite's data: a new or empty directory, or one of an earlier run (emptied first)", required: true);
    readonly Option<string> logsOption = CliOptions.Text("--logs", "DIR", "where the host, Azurite and the outside systems write their logs (default: the work directory)");
    readonly Option<int> ordersOption = CliOptions.Count("--orders", "N", "orders to send", Defaults.Orders, 1, 100_000);
    readonly Option<int> hostsOption = CliOptions.Count("--hosts", "N", "standalone hosts on the one task hub, on distinct ports; kills take them in turn", Defaults.Hosts, 1, MaxHosts);
    readonly Option<int> killsOption = CliOptions.Count("--kills", "N", "times a host is killed with SIGKILL and restarted", Defaults.Kills, 0, 100);
    readonly Option<int> restartsOption = CliOptions.Count(RestartsOption, "N", "times Azurite is restarted while the host runs", Defaults.StorageRestarts, 0, 20);
    readonly Option<double> rateOption = CliOptions.Number("--rate", "PER_SECOND", "requests the CIS sends per second", Defaults.FeedRate, 0.1, 10_000);
    readonly Option<int?> seedOption = CliOptions.OptionalCount("--seed", "N", "seed of the random choices (order mix, moments of the kills), to repeat a run (default: a random one)", 0, int.MaxValue);
    readonly Option<string> instantOption = CliOptions.Choice("--instant", "head-end and crews answer at once (no: 0.1 s and 0.3 s)", required: false, "no", "yes");
    readonly Option<string> storageOption = CliOptions.Choice(StorageOption, "where Azurite keeps its data (memory only with --restarts 0)", required: false, "disk", "memory");
    readonly Option<int> stallOption = CliOptions.Seconds("--stall", "once the faults are over, stop waiting when no order ended for this long", (int)Defaults.Stall.TotalSeconds, 24 * 60 * 60);
    readonly Option<int> timeoutOption = CliOptions.Seconds("--timeout", "the most the run may take", (int)Defaults.Timeout.TotalSeconds, 7 * 24 * 60 * 60);
    readonly Option<string> reportOption = CliOptions.Text("--report", "FILE", "where to write the run's result as JSON (counts, and each kill's recovery)");

    public ChaosCommand(TimeProvider time)
    {
        this.time = time;
        Command = new Command("chaos", "fault injection: orders through the intake while the host is killed and the storage restarted; checks nothing is lost")
        {
            hostDllOption, azuriteOption, workOption, logsOption, ordersOption, hostsOption, killsOption, restartsOption, rateOption, seedOption,
            instantOption, storageOption, stallOption, timeoutOption, reportOption,
        };
        Command.Validators.Add(result =>
        {
            if (CliOptions.ValueIn(result, storageOption, "disk") == "memory" && CliOptions.ValueIn(result, restartsOption, Defaults.StorageRestarts) > 0)
            {
                result.AddError($"{StorageOption} memory loses everything on a restart: give {RestartsOption} 0");
            }
        });
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    /// <summary>The run's settings as the command line gives them; the seed is a random one unless --seed fixes it.</summary>
    public ChaosSettings Settings(ParseResult parse)
    {
        var instant = parse.GetValue(instantOption) == "yes";
        return new ChaosSettings
        {
            Storage = parse.GetValue(storageOption) == "memory" ? StorageMode.Memory : StorageMode.Disk,
            Orders = parse.GetValue(ordersOption),
            Hosts = parse.GetValue(hostsOption),
            Kills = parse.GetValue(killsOption),
            StorageRestarts = parse.GetValue(restartsOption),
            FeedRate = parse.GetValue(rateOption),
            Seed = parse.GetValue(seedOption) ?? Random.Shared.Next(1, 1_000_000),
            HeadEndDelay = instant ? TimeSpan.Zero : Defaults.HeadEndDelay,
            CrewDelay = instant ? TimeSpan.Zero : Defaults.CrewDelay,
            Stall = TimeSpan.FromSeconds(parse.GetValue(stallOption)),
            Timeout = TimeSpan.FromSeconds(parse.GetValue(timeoutOption)),
        };
    }

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

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = Settings(parse);
        var work = parse.GetRequiredValue(workOption);
        ClearWorkDirectory(work);

        var paths = new LocalSystemPaths(parse.GetRequiredValue(hostDllOption), parse.GetRequiredValue(azuriteOption), work, parse.GetValue(logsOption) ?? work);
        var run = new ChaosRun(settings, paths, Console.Out, ProgressLine.ForConsole());
        var result = await run.RunAsync(RunTag.New(time), cancellationToken);
        ChaosReport.Write(Console.Out, result, FindingsShown);
        if (parse.GetValue(reportOption) is { Length: > 0 } report)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(report))!);
            await File.WriteAllTextAsync(report, ChaosReport.Json(result), cancellationToken);
        }

        return result.Passed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
