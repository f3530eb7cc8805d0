using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Cli.Bench;

/// <summary>What the host says about itself on <c>/api/bench/engine</c> (present only with <c>Bench:Enabled</c>).</summary>
internal sealed record EngineInfo(JsonElement Durable, IReadOnlyDictionary<string, long> Requests, int ProcessId)
{
    /// <summary>Requests to the given ports (the storage emulator's), from the host's counts keyed <c>{method} {port} {resource}</c>.</summary>
    public IReadOnlyDictionary<string, long> RequestsTo(IReadOnlyCollection<int> ports) =>
        Requests.Where(r => r.Key.Split(' ') is [_, var port, ..] && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && ports.Contains(p))
            .ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);

    /// <summary>What happened between <paramref name="before"/> and this, per key, without the port (it differs from run to run).</summary>
    public IReadOnlyDictionary<string, long> RequestsSince(EngineInfo before, IReadOnlyCollection<int> ports)
    {
        var earlier = before.RequestsTo(ports);
        var delta = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (key, count) in RequestsTo(ports))
        {
            var parts = key.Split(' ', 3);
            var name = parts.Length == 3 ? $"{parts[0]} {parts[2]}" : key;
            var n = count - earlier.GetValueOrDefault(key);
            if (n > 0)
            {
                delta[name] = delta.GetValueOrDefault(name) + n;
            }
        }

        return delta;
    }
}

internal sealed record BaselineProgress(int Started, int FailedStarts, int Finished);

/// <summary>The host's bench routes, which are not part of the product's API.</summary>
internal sealed class BenchDiagnostics : IDisposable
{
    readonly HttpClient http;

    public BenchDiagnostics(Uri api, string? apiKey)
    {
        http = new HttpClient { BaseAddress = new Uri(api.AbsoluteUri.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, apiKey);
        }
    }

    public async Task<EngineInfo> EngineAsync(CancellationToken cancellationToken) =>
        await GetAsync<EngineInfo>("api/bench/engine", cancellationToken);

    /// <summary>Starts the bare engine's orchestrations: "hello, cities", or the same-shape one in <paramref name="shape"/>.</summary>
    public async Task StartBaselineAsync(int count, string prefix, ShapeCounts? shape, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"api/bench/baseline?count={count}&prefix={Uri.EscapeDataString(prefix)}")
            + (shape is null ? "" : string.Create(CultureInfo.InvariantCulture, $"&activities={shape.Activities}&events={shape.Events}&timers={shape.Timers}"));
        using var response = await http.PostAsync(path, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiException($"POST /{path} answered {(int)response.StatusCode}; is the host in baseline mode (Bench:Baseline)?");
        }
    }

    /// <summary>Posts <paramref name="body"/> as JSON to <paramref name="path"/> and returns the status code.</summary>
    public async Task<int> PostJsonAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(path, body, ServiceOrdersJson.Options, cancellationToken);
        return (int)response.StatusCode;
    }

    public Task<BaselineProgress> BaselineAsync(CancellationToken cancellationToken) => GetAsync<BaselineProgress>("api/bench/baseline", cancellationToken);

    async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await http.GetFromJsonAsync<T>(path, ServiceOrdersJson.Options, cancellationToken)
                ?? throw new ApiException($"GET /{path} answered with an empty body");
        }
        catch (HttpRequestException ex)
        {
            throw new ApiException($"GET /{path} failed: {ex.Message} (the host needs Bench:Enabled, as in appsettings.Bench.json)", ex);
        }
    }

    public void Dispose() => http.Dispose();
}
