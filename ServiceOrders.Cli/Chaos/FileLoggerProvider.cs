using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ServiceOrders.Cli.Chaos;

/// <summary>One line per log entry, appended to a file: the outside systems' logs of a run, kept off the console.</summary>
internal sealed class FileLoggerProvider(TextWriter writer) : ILoggerProvider
{
    readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    void Write(string line)
    {
        lock (gate)
        {
            writer.WriteLine(line);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
        }
    }

    sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}");
            provider.Write(exception is null ? line : line + " " + exception.GetType().Name);
        }
    }
}
