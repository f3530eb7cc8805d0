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
internal sealed class IntegrationCommand(TimeProvider time) : ICliCommand
{
    const string StorageOption = "--storage";
    const string TimeoutOption = "--timeout";

    /// <summary>Where the storage connection string comes from when --storage is not given; ./run.sh sets it.</summary>
    const string StorageVariable = "SERVICEORDERS_STORAGE";

    const int DefaultTimeoutSeconds = 120;
    const int MaxTimeoutSeconds = 60 * 60;

    public string Verb => "integration";

    public string Summary => "check the API, queues, replies, events and webhooks of a fresh running host end to end";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        CommonOptions.ApiSpec,
        new(CommonOptions.ApiKey, "KEY", $"the host's API key (default: ${CommonOptions.ApiKeyVariable})"),
        new(StorageOption, "CONNSTR", $"connection string of the host's storage account (default: ${StorageVariable})"),
        new(TimeoutOption, "SECONDS", $"bound on the whole run (default {DefaultTimeoutSeconds})"),
    ];

    public async Task<int> RunAsync(ParsedOptions options, CancellationToken cancellationToken)
    {
        var api = OptionValues.HttpBaseAddress(CommonOptions.Api, options.Require(CommonOptions.Api));
        var timeout = OptionValues.Seconds(TimeoutOption, options.Get(TimeoutOption), DefaultTimeoutSeconds, MaxTimeoutSeconds);
        var apiKey = CommonOptions.ApiKeyFrom(options)
            ?? throw new UsageException($"the check needs the host's API key: give it with {CommonOptions.ApiKey} or {CommonOptions.ApiKeyVariable}");
        var storage = StorageFrom(options);

        var output = Console.Out;
        var report = new CheckReport(output, StatusLine.ForConsole());
        await using var run = new IntegrationRun(api, apiKey, storage, timeout, time, report);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Integration check {run.Tag} against {api.AbsoluteUri.TrimEnd('/')} (timeout {timeout.TotalSeconds:0} s)"));
        await run.RunAsync(cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Passed}/{report.Total} integration checks passed"));
        return report.Passed == report.Total ? ExitCodes.Success : ExitCodes.Failure;
    }

    static QueueServiceClient StorageFrom(ParsedOptions options)
    {
        var given = options.Get(StorageOption);
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
