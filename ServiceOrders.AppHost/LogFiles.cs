using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ServiceOrders.AppHost;

public static partial class LogFileExtensions
{
    /// <summary>
    /// Keeps the resource's console output in <c>DIRECTORY/NAME.log</c> as well (appended, so that every run is kept): the
    /// dashboard holds it only while the run lasts, and a file can be searched afterwards.
    /// </summary>
    public static IResourceBuilder<T> WithLogFile<T>(this IResourceBuilder<T> builder, string directory) where T : IResource
    {
        var watching = 0;
        return builder.OnBeforeResourceStarted((resource, started, cancellationToken) =>
        {
            // A restart from the dashboard goes on in the same stream of lines.
            if (Interlocked.Exchange(ref watching, 1) == 0)
            {
                var lines = started.Services.GetRequiredService<ResourceLoggerService>().WatchAsync(resource);
                var logger = started.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(LogFileExtensions));
                _ = CopyAsync(lines, Path.Combine(directory, $"{resource.Name}.log"), logger);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Writes every line as it comes, until the application ends, without the colours meant for a terminal.</summary>
    static async Task CopyAsync(IAsyncEnumerable<IReadOnlyList<LogLine>> lines, string file, ILogger logger)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var writer = new StreamWriter(file, append: true) { AutoFlush = true };
            await foreach (var batch in lines)
            {
                foreach (var line in batch)
                {
                    await writer.WriteLineAsync(TerminalColour().Replace(line.Content, ""));
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CouldNotKeep(logger, e, file);
        }
    }

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex TerminalColour();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep the log in {File}")]
    static partial void CouldNotKeep(ILogger logger, Exception exception, string file);
}
