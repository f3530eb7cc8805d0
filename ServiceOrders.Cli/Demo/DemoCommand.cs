using System.CommandLine;
using System.Globalization;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// <c>demo</c>: runs every <see cref="DemoScenarios">scenario</see> concurrently (register its service points, submit
/// its orders, wait, cancel or act as an operator where it says so), waits for the orders to end, and reports for each
/// whether it ended as expected, and which request types and meter classes were covered. Exit code 0 only if all orders
/// ended as expected and nothing is missing from the coverage.
/// </summary>
internal sealed class DemoCommand
{
    const int DefaultTimeoutSeconds = 180;
    const int MaxTimeoutSeconds = 24 * 60 * 60;

    /// <summary>A single call to a local host takes milliseconds; this only stops a hung host from hanging the demo.</summary>
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Callers usually start the demo once the host is up; a host still starting gets this long.</summary>
    static readonly TimeSpan HealthWait = TimeSpan.FromSeconds(30);

    static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(500);

    static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    readonly TimeProvider time;
    readonly Option<Uri> apiOption = CliOptions.Api(required: true);
    readonly Option<int> timeoutOption = CliOptions.Seconds("--timeout", "give up on orders not ended after this long", DefaultTimeoutSeconds, MaxTimeoutSeconds);
    readonly Option<string> apiKeyOption = CliOptions.ApiKey();

    public DemoCommand(TimeProvider time)
    {
        this.time = time;
        Command = new Command("demo", "run scenarios of every request type against a running host and check how each order ends")
        {
            apiOption, timeoutOption, apiKeyOption,
        };
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var api = parse.GetRequiredValue(apiOption);
        var timeout = TimeSpan.FromSeconds(parse.GetValue(timeoutOption));
        var apiKey = CliOptions.ApiKeyFrom(parse, apiKeyOption);

        // One budget for the whole run, so that --timeout bounds how long the demo can take.
        var started = time.GetTimestamp();
        TimeSpan Remaining() => timeout - time.GetElapsedTime(started);

        var tag = RunTag.New(time);
        var scenarios = DemoScenarios.Create(tag);
        var orderCount = scenarios.Sum(s => s.Orders.Count());
        var output = Console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Demo run {tag}: {scenarios.Count} scenarios ({orderCount} orders) against {api}, timeout {timeout.TotalSeconds:0} s"));

        using var client = new ApiClient(api, RequestTimeout, apiKey);
        await WaitForHealthAsync(client, Remaining() < HealthWait ? Remaining() : HealthWait, cancellationToken);
        output.WriteLine("  host ready; running the scenarios concurrently");

        using var watcher = new OrderWatcher(client, time);
        var runner = new ScenarioRunner(client, watcher, time, Remaining, timeout);
        var runs = Task.WhenAll(scenarios.Select(s => runner.RunAsync(s, cancellationToken)));
        var progress = ProgressLine.ForConsole();
        try
        {
            while (!runs.IsCompleted)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var ended = runner.Ended;
                progress.Show(
                    string.Create(CultureInfo.InvariantCulture, $"  running: {ended}/{orderCount} orders ended, {(int)time.GetElapsedTime(started).TotalSeconds} s"),
                    key: ended.ToString(CultureInfo.InvariantCulture));
                await Task.WhenAny(runs, Task.Delay(ProgressInterval, time, cancellationToken));
            }
        }
        finally
        {
            // Errors and the report must not continue the rewritten line.
            progress.Close();
        }

        var verdicts = (await runs).SelectMany(v => v).ToList();
        var coverage = DemoCoverage.Of(scenarios);
        DemoReport.Write(output, verdicts, coverage);
        return verdicts.All(v => v.AsExpected) && coverage.IsComplete ? ExitCodes.Success : ExitCodes.Failure;
    }

    async Task WaitForHealthAsync(ApiClient client, TimeSpan bound, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        while (true)
        {
            var problem = await client.CheckHealthAsync(cancellationToken);
            if (problem is null)
            {
                return;
            }

            if (time.GetElapsedTime(started) >= bound)
            {
                throw new ApiException(string.Create(CultureInfo.InvariantCulture,
                    $"the host is not ready after {bound.TotalSeconds:0} s: {problem}"));
            }

            await Task.Delay(HealthPollInterval, time, cancellationToken);
        }
    }
}
