using System.Collections.Concurrent;
using System.Diagnostics;

namespace ServiceOrders.DevHost.Bench;

/// <summary>
/// Counts the HTTP requests this process makes, by method, port and resource (table or queue name), from the
/// runtime's own HttpClient diagnostics. Every Azure SDK client goes through HttpClient, so the engine's storage
/// requests are counted as well as ours, without touching either.
/// </summary>
public sealed class StorageRequestMeter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    const string HttpListener = "HttpHandlerDiagnosticListener";
    const string RequestActivity = "System.Net.Http.HttpRequestOut";
    const string RequestStart = RequestActivity + ".Start";

    readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    readonly List<IDisposable> subscriptions = [];
    readonly IDisposable all;

    public StorageRequestMeter() => all = DiagnosticListener.AllListeners.Subscribe(this);

    /// <summary>Requests so far, keyed <c>{method} {port} {resource}</c>, e.g. <c>GET 10002 ServiceOrdersHistory</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == HttpListener)
        {
            lock (subscriptions)
            {
                // The handler asks first about the activity ("...HttpRequestOut"), then about its start event.
                subscriptions.Add(listener.Subscribe(this, (name, _, _) => name.StartsWith(RequestActivity, StringComparison.Ordinal)));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RequestStart && value.Value?.GetType().GetProperty("Request")?.GetValue(value.Value) is HttpRequestMessage { RequestUri: { } uri } request)
        {
            counts.AddOrUpdate($"{request.Method} {uri.Port} {Resource(uri)}", 1, (_, n) => n + 1);
        }
    }

    /// <summary>The table or queue a storage request goes to: the path segment after the account, without keys or ids.</summary>
    static string Resource(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var name = segments.Length > 1 ? segments[1] : segments.Length == 1 ? segments[0] : "";
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        name = paren >= 0 ? name[..paren] : name;
        return segments.Length > 2 ? $"{name}/{segments[2]}" : name;
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        all.Dispose();
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
