using System.CommandLine;
using ServiceOrders.Cli.Chaos;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Local;

namespace ServiceOrders.Tests.Cli;

/// <summary>
/// The CLI's command line as run.sh, scripts/common.sh and operators type it: real argument lists through the real
/// command tree. Valid options bind to their values and defaults, a bad value is one clear error line and exit code 2
/// before anything runs, and --help lists every option of a verb.
/// </summary>
public sealed class CommandLineTests
{
    static readonly RootCommand Root = CliApp.Create(TimeProvider.System);

    static ParseResult Parse(string commandLine) => CliApp.Parse(Root, Split(commandLine));

    static string[] Split(string commandLine) => commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    static async Task<(int Code, string Output, string Error)> RunAsync(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(Root, Split(commandLine), output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Chaos_options_as_run_sh_passes_them_bind_to_their_values()
    {
        var parse = Parse("chaos --host-dll h.dll --azurite node_modules/.bin/azurite --work artifacts/chaos/data --logs artifacts/logs "
            + "--orders 50 --kills 1 --restarts 1 --rate 2.5 --seed 7 --instant yes --storage disk --stall 60 --timeout 600");

        Assert.Empty(parse.Errors);
        Assert.Equal("h.dll", parse.GetValue<string>("--host-dll"));
        Assert.Equal("artifacts/chaos/data", parse.GetValue<string>("--work"));
        Assert.Equal("artifacts/logs", parse.GetValue<string>("--logs"));
        Assert.Equal(50, parse.GetValue<int>("--orders"));
        Assert.Equal(1, parse.GetValue<int>("--kills"));
        Assert.Equal(1, parse.GetValue<int>("--restarts"));
        Assert.Equal(2.5, parse.GetValue<double>("--rate"));
        Assert.Equal(7, parse.GetValue<int?>("--seed"));
        Assert.Equal("yes", parse.GetValue<string>("--instant"));
        Assert.Equal(60, parse.GetValue<int>("--stall"));
        Assert.Equal(600, parse.GetValue<int>("--timeout"));
    }

    [Fact]
    public void Chaos_settings_take_the_defaults_of_options_left_out()
    {
        var chaos = new ChaosCommand(TimeProvider.System);
        var parse = CliApp.Parse(new RootCommand { chaos.Command }, Split("chaos --host-dll h.dll --azurite a --work w"));

        Assert.Empty(parse.Errors);
        var settings = chaos.Settings(parse);
        var defaults = new ChaosSettings();
        Assert.Equal(defaults.Orders, settings.Orders);
        Assert.Equal(defaults.Kills, settings.Kills);
        Assert.Equal(defaults.StorageRestarts, settings.StorageRestarts);
        Assert.Equal(defaults.FeedRate, settings.FeedRate);
        Assert.Equal(StorageMode.Disk, settings.Storage);
        Assert.Equal(defaults.HeadEndDelay, settings.HeadEndDelay);
        Assert.Equal(defaults.Stall, settings.Stall);
        Assert.Equal(defaults.Timeout, settings.Timeout);
    }

    [Fact]
    public void The_liveness_command_line_binds_and_a_later_option_overrides_its_default()
    {
        // ./run.sh liveness puts its own values first and the caller's after them.
        var chaos = new ChaosCommand(TimeProvider.System);
        var parse = CliApp.Parse(new RootCommand { chaos.Command }, Split(
            "chaos --host-dll h.dll --azurite a --work w --logs l --orders 5000 --kills 0 --restarts 0 --storage memory --instant yes --rate 20 --timeout 5400 --orders 300"));

        Assert.Empty(parse.Errors);
        var settings = chaos.Settings(parse);
        Assert.Equal(300, settings.Orders);
        Assert.Equal(StorageMode.Memory, settings.Storage);
        Assert.Equal(TimeSpan.Zero, settings.HeadEndDelay);
        Assert.Equal(TimeSpan.Zero, settings.CrewDelay);
        Assert.Equal(20, settings.FeedRate);
        Assert.Equal(TimeSpan.FromSeconds(5400), settings.Timeout);
    }

    [Fact]
    public void Bench_options_as_run_sh_passes_them_bind_to_their_values()
    {
        var parse = Parse("bench --stage run --run mix --api http://127.0.0.1:7071 --host-pid 4242 --orders 2,000 --workloads mix,open --open-orders 500 --disconnects 10_000");

        Assert.Empty(parse.Errors);
        Assert.Equal("run", parse.GetValue<string>("--stage"));
        Assert.Equal("mix", parse.GetValue<string>("--run"));
        Assert.Equal(new Uri("http://127.0.0.1:7071"), parse.GetValue<Uri>("--api"));
        Assert.Equal(4242, parse.GetValue<int?>("--host-pid"));
        Assert.Equal(2000, parse.GetValue<int>("--orders"));
        Assert.Equal(500, parse.GetValue<int>("--open-orders"));
        Assert.Equal(10_000, parse.GetValue<int>("--disconnects"));
        Assert.Equal(["mix", "open"], parse.GetValue<IReadOnlyCollection<string>?>("--workloads"));
    }

    [Fact]
    public void Bench_options_of_the_newer_workloads_bind_to_their_values()
    {
        var parse = Parse("bench --stage plan --quick --burst 10,000 --hosts 3 --shape 9,4,2 --resume-sample 50 --peer-pids 11,12 --azurite-pid 10");

        Assert.Empty(parse.Errors);
        Assert.True(parse.GetValue<bool>("--quick"));
        Assert.Equal(10_000, parse.GetValue<int>("--burst"));
        Assert.Equal(3, parse.GetValue<int>("--hosts"));
        Assert.Equal("9,4,2", parse.GetValue<string>("--shape"));
        Assert.Equal(50, parse.GetValue<int>("--resume-sample"));
        Assert.Equal("11,12", parse.GetValue<string>("--peer-pids"));
        Assert.Equal(10, parse.GetValue<int?>("--azurite-pid"));
        Assert.Equal(1, Parse("bench --stage plan").GetValue<int>("--hosts"));
        Assert.Equal(10_000, Parse("bench --stage plan").GetValue<int>("--burst"));
    }

    [Theory]
    [InlineData("demo --api http://127.0.0.1:7071 --timeout 30")]
    [InlineData("demo --api=https://orders.example.test --api-key abc-123")]
    [InlineData("integration --api http://127.0.0.1:7071 --storage UseDevelopmentStorage=true --timeout 60")]
    [InlineData("load-registry --file points.csv --api http://127.0.0.1:7071")]
    [InlineData("bench --stage plan --orders 100")]
    [InlineData("bench --stage report --workloads mix")]
    [InlineData("bench --stage plan --quick")]
    [InlineData("bench --stage run --run reconnect-3-hosts --workloads reconnect --hosts 3 --api http://127.0.0.1:7071 --peer-apis http://127.0.0.1:7072,http://127.0.0.1:7073 --peer-pids 11,12 --azurite-pid 10")]
    [InlineData("bench --stage run --run reconnect-3-hosts --workloads reconnect --quick --api http://127.0.0.1:7071")]
    [InlineData("bench --stage run --run open-resume --workloads open --api http://127.0.0.1:7071 --killed-at 1796544000000 --resume-sample 50")]
    [InlineData("chaos --host-dll h.dll --azurite a --work w --storage memory --restarts 0")]
    [InlineData("schemas --out docs/schemas")]
    public void Command_lines_the_scripts_and_docs_use_parse_without_errors(string commandLine)
    {
        Assert.Empty(Parse(commandLine).Errors);
    }

    [Fact]
    public void Demo_binds_its_url_and_timeout()
    {
        var parse = Parse("demo --api http://127.0.0.1:7071 --timeout 30");

        Assert.Equal(new Uri("http://127.0.0.1:7071"), parse.GetValue<Uri>("--api"));
        Assert.Equal(30, parse.GetValue<int>("--timeout"));
        Assert.Equal(180, Parse("demo --api http://127.0.0.1:7071").GetValue<int>("--timeout"));
    }

    [Theory]
    [InlineData("chaos --host-dll h --azurite a --work w --orders 0", "--orders must be a whole number from 1 to 100000, not '0'")]
    [InlineData("chaos --host-dll h --azurite a --work w --kills many", "--kills must be a whole number from 0 to 100, not 'many'")]
    [InlineData("chaos --host-dll h --azurite a --work w --rate 0", "--rate must be a number from 0.1 to 10000, not '0'")]
    [InlineData("chaos --host-dll h --azurite a --work w --instant maybe", "--instant must be no or yes, not 'maybe'")]
    [InlineData("chaos --host-dll h --azurite a --work w --storage memory", "--storage memory loses everything on a restart: give --restarts 0")]
    [InlineData("chaos --azurite a --work w", "--host-dll")]
    [InlineData("demo --timeout 30", "--api")]
    [InlineData("demo --api ftp://127.0.0.1", "--api must be an http or https URL such as http://127.0.0.1:7071, not 'ftp://127.0.0.1'")]
    [InlineData("demo --api http://127.0.0.1:7071 --timeout 0", "--timeout must be a whole number of seconds from 1 to 86400, not '0'")]
    [InlineData("demo --api http://127.0.0.1:7071 --colour red", "--colour")]
    [InlineData("bench --stage build", "--stage must be plan, run or report, not 'build'")]
    [InlineData("bench --stage run --run mix", "stage run needs --api")]
    [InlineData("bench --stage run --api http://127.0.0.1:1 --run open --workloads mix", "--run must be one of baseline, mix, not 'open'")]
    [InlineData("bench --stage plan --workloads mix,turbo", "--workloads: unknown workload 'turbo'")]
    [InlineData("bench --stage plan --orders 100001", "--orders must be a whole number from 1 to 100000")]
    [InlineData("bench --stage plan --hosts 9", "--hosts must be a whole number from 1 to 8")]
    [InlineData("bench --stage plan --shape 9,4", "--shape must be ACTIVITIES,EVENTS,TIMERS")]
    [InlineData("bench --stage plan --burst 5", "--burst must be a whole number from 10 to 100000")]
    [InlineData("bench --stage run --api http://127.0.0.1:1 --run reconnect-3-hosts --workloads reconnect", "--run must be one of baseline, reconnect, baseline-shape, reconnect-telemetry, reconnect-half-rate, not 'reconnect-3-hosts'")]
    [InlineData("schemas", "--out")]
    [InlineData("deploy", "deploy")]
    public async Task A_bad_command_line_is_a_usage_error_that_says_what_is_wrong(string commandLine, string expected)
    {
        var (code, output, error) = await RunAsync(commandLine);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Empty(output);
        var firstLine = error.Split('\n')[0];
        Assert.StartsWith("error: ", firstLine, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        // The verb's help follows, so that the right spelling is at hand.
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_verb_is_a_usage_error_that_lists_the_verbs()
    {
        var (code, _, error) = await RunAsync("");

        Assert.Equal(ExitCodes.Usage, code);
        foreach (var verb in Root.Subcommands)
        {
            Assert.Contains(verb.Name, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_on_the_root_lists_every_verb(string commandLine)
    {
        var (code, output, _) = await RunAsync(commandLine);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["demo", "load-registry", "integration", "chaos", "bench", "local", "schemas"], Root.Subcommands.Select(c => c.Name));
        foreach (var verb in Root.Subcommands)
        {
            Assert.Contains(verb.Name, output, StringComparison.Ordinal);
            Assert.Contains(verb.Description!, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("demo", "--api --timeout --api-key")]
    [InlineData("load-registry", "--file --api --api-key")]
    [InlineData("integration", "--api --api-key --storage --timeout")]
    [InlineData("chaos", "--host-dll --azurite --work --logs --orders --kills --restarts --rate --seed --instant --storage --stall --timeout")]
    [InlineData("bench", "--stage --run --api --api-key --workloads --quick --orders --open-orders --disconnects --burst --hosts --shape --resume-sample --index-orders --idle-timeout --host-pid --otlp-port --peer-apis --peer-pids --azurite-pid --killed-at --out")]
    [InlineData("schemas", "--out")]
    public async Task Help_on_a_verb_lists_every_option_with_its_description(string verb, string optionNames)
    {
        var (code, output, _) = await RunAsync($"{verb} --help");

        Assert.Equal(ExitCodes.Success, code);
        var command = Root.Subcommands.Single(c => c.Name == verb);
        var options = command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name != "--help").ToList();
        // The names run.sh, scripts/common.sh and the docs use stay as they were.
        Assert.Equal(optionNames.Split(' '), options.Select(o => o.Name));
        foreach (var option in options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{verb} {option.Name} has no description");
            Assert.Contains(option.Name, output, StringComparison.Ordinal);
            Assert.Contains(option.Description!, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_there_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("load-registry --api http://127.0.0.1:9 --file no-such-registry-file.csv");

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--file: there is no file 'no-such-registry-file.csv'", error, StringComparison.Ordinal);
    }
}
