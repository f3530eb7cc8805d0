using System.Globalization;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Orders;
using ServiceOrders.Cli.Output;
using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// <c>demo</c>: registers a service point and submits an order for each <see cref="DemoScenarios">scenario</see>,
/// waits for the orders to end, and reports for each whether it ended as expected. Exit code 0 only if all did.
/// </summary>
internal sealed class DemoCommand(TimeProvider time) : ICliCommand
{
    const string ApiOption = "--api";
    const string TimeoutOption = "--timeout";
    const int DefaultTimeoutSeconds = 180;
    const int MaxTimeoutSeconds = 24 * 60 * 60;

    /// <summary>A single call to a local host takes milliseconds; this only stops a hung host from hanging the demo.</summary>
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Callers usually start the demo once the host is up; a host still starting gets this long.</summary>
    static readonly TimeSpan HealthWait = TimeSpan.FromSeconds(30);

    static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(500);

    public string Verb => "demo";

    public string Summary => "submit one move-in order per scenario to a running host and check how each ends";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new(ApiOption, "URL", "base address of the host, e.g. http://127.0.0.1:7071", Required: true),
        new(TimeoutOption, "SECONDS", $"give up on orders not ended after this long (default {DefaultTimeoutSeconds})"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CancellationToken cancellationToken)
    {
        var api = OptionValues.HttpBaseAddress(ApiOption, options.Require(ApiOption));
        var timeout = OptionValues.Seconds(TimeoutOption, options.Get(TimeoutOption), DefaultTimeoutSeconds, MaxTimeoutSeconds);

        // One budget for the whole run, so that --timeout bounds how long the demo can take.
        var started = time.GetTimestamp();
        TimeSpan Remaining() => timeout - time.GetElapsedTime(started);

        var tag = RunTag.New(time);
        var scenarios = DemoScenarios.Create(tag);
        var output = Console.Out;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Demo run {tag}: {scenarios.Count} scenarios against {api}, timeout {timeout.TotalSeconds:0} s"));

        using var client = new ApiClient(api, RequestTimeout);
        await WaitForHealthAsync(client, Remaining() < HealthWait ? Remaining() : HealthWait, cancellationToken);
        output.WriteLine("  host ready");

        foreach (var scenario in scenarios)
        {
            if (scenario.Seed is { } point)
            {
                await client.PutServicePointAsync(point, cancellationToken);
            }

            await client.SubmitOrderAsync(scenario.Request, cancellationToken);
        }

        output.WriteLine($"  {scenarios.Count} orders submitted");

        var progress = ProgressLine.ForConsole();
        IReadOnlyDictionary<string, OrderView?> views;
        try
        {
            views = await new OrderWatcher(client, time).WaitForEndAsync(
                scenarios.Select(s => s.OrderId).ToList(),
                Remaining(),
                p => progress.Show(
                    string.Create(CultureInfo.InvariantCulture, $"  waiting: {p.Ended}/{p.Total} orders ended, {(int)p.Elapsed.TotalSeconds} s"),
                    key: p.Ended.ToString(CultureInfo.InvariantCulture)),
                cancellationToken);
        }
        finally
        {
            // Errors and the report must not continue the rewritten line.
            progress.Close();
        }

        var verdicts = scenarios.Select(s => ScenarioVerdict.Judge(s, views[s.OrderId], timeout)).ToList();
        DemoReport.Write(output, verdicts);
        return verdicts.All(v => v.AsExpected) ? ExitCodes.Success : ExitCodes.Failure;
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
