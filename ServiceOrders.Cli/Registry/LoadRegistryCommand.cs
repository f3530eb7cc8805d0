using System.CommandLine;
using System.Globalization;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Output;
using ServiceOrders.Contracts.Registry;

namespace ServiceOrders.Cli.Registry;

/// <summary>
/// <c>load-registry</c>: sends a CSV file of service points to <c>POST /api/service-points/import</c>. The host checks
/// every row first and imports nothing when one is bad; the errors are printed with their lines.
/// </summary>
internal sealed class LoadRegistryCommand
{
    const string FileOption = "--file";

    /// <summary>A large file is parsed and written row by row on the host; this bounds the wait, not the work.</summary>
    static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);

    readonly Option<string> fileOption = CliOptions.Text(FileOption, "PATH", $"the CSV file; header {string.Join(',', RegistryFile.Columns)}", required: true);
    readonly Option<Uri> apiOption = CliOptions.Api(required: true);
    readonly Option<string> apiKeyOption = CliOptions.ApiKey();

    public LoadRegistryCommand()
    {
        Command = new Command("load-registry", "load service points from a CSV file into the registry of a running host")
        {
            fileOption, apiOption, apiKeyOption,
        };
        Command.SetAction(RunAsync);
    }

    public Command Command { get; }

    async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = parse.GetRequiredValue(fileOption);
        var api = parse.GetRequiredValue(apiOption);
        var apiKey = CliOptions.ApiKeyFrom(parse, apiKeyOption);
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new UsageException($"{FileOption}: there is no file '{Printable.Clip(path, 80)}'");
        }

        if (file.Length > RegistryFile.MaxBytes)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"{FileOption}: the file has {file.Length} bytes; the host takes at most {RegistryFile.MaxBytes} (split it)"));
        }

        var csv = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        using var client = new ApiClient(api, RequestTimeout, apiKey);
        var outcome = await client.ImportServicePointsAsync(csv, cancellationToken);
        if (outcome.Errors.Count == 0)
        {
            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imported {outcome.Imported} service points from {file.Name} into {api}"));
            return ExitCodes.Success;
        }

        var error = Console.Error;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Name}: {outcome.ErrorCount} errors; nothing was imported"));
        foreach (var e in outcome.Errors)
        {
            var field = e.Field.Length > 0 ? $" {Printable.Clip(e.Field, 40)}:" : "";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  line {e.Line}:{field} {Printable.Clip(e.Message, 200)} [{e.Code}]"));
        }

        if (outcome.Errors.Count < outcome.ErrorCount)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  … and {outcome.ErrorCount - outcome.Errors.Count} more"));
        }

        return ExitCodes.Failure;
    }
}

/// <summary>What an import came to: service points imported, or the errors that kept the file out.</summary>
internal sealed record RegistryImportOutcome(int Imported, IReadOnlyList<RegistryRowError> Errors, int ErrorCount);

/// <summary>The problem details the host answers a file with errors with: the listed errors and their count.</summary>
internal sealed record RegistryImportProblem(int ErrorCount, IReadOnlyList<RegistryRowError> Errors);
