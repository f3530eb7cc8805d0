using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Cli.Bench;

/// <summary>The time of one kind of request: how many were timed and their percentiles, in milliseconds.</summary>
internal sealed record RequestTiming(string Name, string Path, int Requests, double P50Ms, double P95Ms, double MaxMs, int Items);

/// <summary>What <c>artifacts/bench/console-readmodel.json</c> holds.</summary>
internal sealed record ReadModelBenchResult(
    DateTimeOffset GeneratedAt, int Orders, double LoadSeconds, double GoalP95Ms, string Definition, IReadOnlyList<RequestTiming> Timings);

/// <summary>
/// The read model bench (workload <c>readmodel</c>): the host's bench route fills the order list with made-up orders,
/// a few real orders are submitted, then the order list (with several filters, sorts and a second page) and the order
/// page are requested one at a time and timed. The time is the round trip on the loopback, which is the host's time
/// plus well under a millisecond.
/// </summary>
internal sealed class ReadModelBench(Uri api, string? apiKey, TextWriter output)
{
    public const string FileName = "console-readmodel.json";

    /// <summary>The issue's goal for the p95 of the order list and order page.</summary>
    const double GoalMs = 300;

    const int Warmup = 3;
    const int Timed = 40;
    const int RealOrders = 10;

    public async Task<ReadModelBenchResult> RunAsync(int orders, string outDir, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(api.AbsoluteUri.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, apiKey);
        }

        var load = Stopwatch.StartNew();
        (await http.PostAsync($"api/bench/read-model?count={orders}", null, cancellationToken)).EnsureSuccessStatusCode();
        while (true)
        {
            var progress = await http.GetFromJsonAsync<JsonElement>("api/bench/read-model", cancellationToken);
            if (progress.GetProperty("failure").GetString() is { } failure)
            {
                throw new InvalidOperationException($"the host could not load the order list: {failure}");
            }

            var loaded = progress.GetProperty("loaded").GetInt32();
            output.Write($"\r  loading the order list: {loaded:N0}/{orders:N0}");
            if (loaded >= orders)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        load.Stop();
        output.WriteLine($" in {load.Elapsed.TotalSeconds:F0} s");

        var realIds = await SubmitOrdersAsync(http, cancellationToken);
        var firstPage = await http.GetFromJsonAsync<OrderPage>("api/orders", ServiceOrdersJson.Options, cancellationToken);
        var token = Uri.EscapeDataString(firstPage?.NextPageToken ?? "");
        (string Name, string Path)[] lists =
        [
            ("list newest first", "api/orders"),
            ("list, second page", $"api/orders?pageToken={token}"),
            ("list by status (Exception)", "api/orders?status=Exception"),
            ("list by service point", "api/orders?servicePointId=SP-RM-00042"),
            ("list open disconnects", "api/orders?status=Open&requestType=CutForNonPayment"),
            ("list gas at smart meters", "api/orders?commodity=Gas&meterClass=Smart"),
            ("list by requesting system, 200 a page", "api/orders?requestingSystem=BILLING&pageSize=200"),
            ("list exceptions unchanged longest", "api/orders?status=Exception&sort=updatedAt"),
            ("list by order id prefix", "api/orders?q=RM-0421"),
        ];

        var timings = new List<RequestTiming>();
        foreach (var (name, path) in lists)
        {
            timings.Add(await TimeAsync(http, name, [path], cancellationToken));
        }

        timings.Add(await TimeAsync(http, "order page", [.. realIds.Select(id => $"api/orders/{id}")], cancellationToken));
        var result = new ReadModelBenchResult(
            DateTimeOffset.UtcNow, orders, Math.Round(load.Elapsed.TotalSeconds, 1), GoalMs,
            $"each request sent {Warmup} times unmeasured, then {Timed} times one after the other; time from sending to the whole body read, over the loopback", timings);
        Directory.CreateDirectory(outDir);
        await File.WriteAllTextAsync(Path.Combine(outDir, FileName), JsonSerializer.Serialize(result, BenchReport.Json), cancellationToken);
        // The report stage prints the table with the other workloads' figures; here only that the run ended.
        output.WriteLine($"read model: {timings.Count} requests timed, figures in {Path.Combine(outDir, FileName)}");
        return result;
    }

    /// <summary>The figures as a table, and whether each met the goal.</summary>
    public static void Write(TextWriter output, ReadModelBenchResult result)
    {
        output.WriteLine();
        output.WriteLine($"read model: {result.Orders:N0} orders in the order list (loaded in {result.LoadSeconds} s); goal p95 < {result.GoalP95Ms} ms");
        output.WriteLine($"  {"request",-40} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"items",6}");
        foreach (var t in result.Timings)
        {
            output.WriteLine($"  {t.Name,-40} {t.P50Ms,8:F1} {t.P95Ms,8:F1} {t.MaxMs,8:F1} {t.Items,6}  {(t.P95Ms < result.GoalP95Ms ? "ok" : "over the goal")}");
        }
    }

    async Task<List<string>> SubmitOrdersAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var tag = $"{DateTimeOffset.UtcNow:HHmmss}";
        for (var i = 0; i < RealOrders; i++)
        {
            var point = $"SP-RMB-{tag}-{i}";
            (await http.PutAsJsonAsync($"api/service-points/{point}",
                new ServicePoint(point, Commodity.Electric, new Meter($"M-RMB-{tag}-{i}", MeterClass.Smart, true, SwitchState.Connected)),
                ServiceOrdersJson.Options, cancellationToken)).EnsureSuccessStatusCode();
            var id = $"RMB-{tag}-{i}";
            (await http.PostAsJsonAsync("api/orders", new ServiceOrderRequest(id, RequestType.ReadMeter, point, Commodity.Electric),
                ServiceOrdersJson.Options, cancellationToken)).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        return ids;
    }

    static async Task<RequestTiming> TimeAsync(HttpClient http, string name, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        var items = 0;
        for (var i = 0; i < Warmup + Timed; i++)
        {
            var path = paths[i % paths.Count];
            var watch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            watch.Stop();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET /{path} answered {(int)response.StatusCode}");
            }

            if (i >= Warmup)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            using var json = JsonDocument.Parse(body);
            items = json.RootElement.TryGetProperty("items", out var list) ? list.GetArrayLength() : 1;
        }

        times.Sort();
        double Percentile(double p) => Math.Round(times[Math.Clamp((int)Math.Ceiling(p * times.Count) - 1, 0, times.Count - 1)], 1);
        return new RequestTiming(name, "/" + paths[0], times.Count, Percentile(0.50), Percentile(0.95), Math.Round(times[^1], 1), items);
    }
}
