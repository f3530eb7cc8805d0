using System.Collections;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace ServiceOrders.Tests.Privacy;

/// <summary>
/// Records everything the host logs, as text: each formatted message, each structured value, each scope and each
/// exception, so a test can look for data that must never reach the logs.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Entries { get; } = new();

    public int Count => Entries.Count;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    /// <summary>The entries that contain <paramref name="text"/>, ignoring case.</summary>
    public IReadOnlyList<string> Containing(string text) =>
        Entries.Where(e => e.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();

    public void Dispose()
    {
    }

    void Record<TState>(string category, LogLevel level, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var parts = new List<string> { $"{level} {category}[{eventId.Id}:{eventId.Name}] {formatter(state, exception)}" };
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            parts.AddRange(values.Select(v => $"  {v.Key}={Describe(v.Value)}"));
        }
        else if (state is not null)
        {
            parts.Add($"  state={Describe(state)}");
        }

        scopes.ForEachScope((scope, list) => list.Add($"  scope={Describe(scope)}"), parts);
        if (exception is not null)
        {
            parts.Add($"  exception={exception}");
        }

        Entries.Enqueue(string.Join(Environment.NewLine, parts));
    }

    /// <summary>A value as text: its own text, and for objects and collections also their contents.</summary>
    static string Describe(object? value)
    {
        switch (value)
        {
            case null:
                return "(null)";
            case string text:
                return text;
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                return string.Join(", ", pairs.Select(p => $"{p.Key}={Describe(p.Value)}"));
            case IEnumerable items:
                return string.Join(", ", items.Cast<object?>().Select(Describe));
        }

        var described = value.ToString() ?? string.Empty;
        if (value.GetType().IsPrimitive || value is Enum or decimal or DateTime or DateTimeOffset or TimeSpan or Guid)
        {
            return described;
        }

        try
        {
            return described + " " + JsonSerializer.Serialize(value, value.GetType());
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or JsonException)
        {
            return described;
        }
    }

    sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                provider.Record(category, logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
