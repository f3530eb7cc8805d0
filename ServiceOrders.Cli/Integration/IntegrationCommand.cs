using System.CommandLine;
using System.Globalization;
using Azure.Storage.Queues;
using ServiceOrders.Cli.CommandLine;

namespace ServiceOrders.Cli.Integration;

/// <summary>
/// <c>integration</c>: an end-to-end check of the product's edges as an integration team sees them, against a fresh
/// system: the API's refusals, the registry import, a webhook subscription, a request on the intake queue, the CIS
/// replies, the CloudEvents on the events queue and at the webhook, a repeated request and a malformed one. It uses only
/// the interfaces and message formats the README documents, as JSON text, never the product's own types. Exit code 0
/// only if every check passed.
/// </summary>
internal sealed class IntegrationCommand
{
    const string StorageOption = "--storage";

    /// <summary>Where the storage connection string comes from when --storage is not given; ./run.sh sets it.</summary>
    const string StorageVariable = "SERVICEORDERS_STORAGE";

    const int DefaultTimeoutSeconds = 120;
    const int MaxTimeoutSeconds = 60 * 60;

    readonly TimeProvider time;
    readonly Option<Uri> apiOption = CliOptions.Api(required: true);
    readonly Option<string> apiKeyOption = CliOptions.ApiKey($"the host's API key (default: ${CliOptions.ApiKeyVariable})");
    readonly Option<string> storageOption = CliOptions.Text(StorageOption, "CONNSTR", $"connection string of the host's storage account (default: ${StorageVariable})");
    readonly Option<int> timeoutOption = CliOptions.Seconds("--timeout", "bound on the whole run", DefaultTimeoutSeconds, MaxTimeoutSeconds);

    public IntegrationCommand(TimeProvider time)
    {
        this.time = time;
        Command = new Command("integration", "check the API, queues, replies, events and webhooks of a fresh running host end to end")
        {
            apiOption, apiKeyOption, storageOption, timeoutOption,
        };
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var api = parse.GetRequiredValue(apiOption);
        var timeout = TimeSpan.FromSeconds(parse.GetValue(timeoutOption));
        var apiKey = CliOptions.ApiKeyFrom(parse, apiKeyOption)
            ?? throw new UsageException($"the check needs the host's API key: give it with --api-key or {CliOptions.ApiKeyVariable}");
        var storage = StorageFrom(parse.GetValue(storageOption));

        var output = Console.Out;
        var report = new CheckReport(output, StatusLine.ForConsole());
        await using var run = new IntegrationRun(api, apiKey, storage, timeout, time, report);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Integration check {run.Tag} against {api.AbsoluteUri.TrimEnd('/')} (timeout {timeout.TotalSeconds:0} s)"));
        await run.RunAsync(cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Passed}/{report.Total} integration checks passed"));
        return report.Passed == report.Total ? ExitCodes.Success : ExitCodes.Failure;
    }

    static QueueServiceClient StorageFrom(string? given)
    {
        var connectionString = given ?? Environment.GetEnvironmentVariable(StorageVariable);
        var source = given is null ? StorageVariable : StorageOption;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new UsageException($"the check reads the storage queues: give the connection string with {StorageOption} or {StorageVariable}");
        }

        try
        {
            return StorageQueueInbox.Connect(connectionString);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The message may quote the string, and the string holds the account key: name only the source.
            throw new UsageException($"{source} is not a storage connection string with a queue endpoint");
        }
    }
}
