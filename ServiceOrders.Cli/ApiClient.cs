using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Output;
using ServiceOrders.Cli.Registry;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;

// System.Net would also bring System.Net.ServicePoint, which clashes with the domain's ServicePoint.
using HttpStatusCode = System.Net.HttpStatusCode;

namespace ServiceOrders.Cli;

/// <summary>
/// The product's HTTP API as typed calls, with the product's own JSON settings. Every failure (unreachable host,
/// timeout, unexpected status, unreadable body) becomes an <see cref="ApiException"/> with a one-line message.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    /// <summary>The members of a problem answer that say what went wrong, in the order they are shown.</summary>
    static readonly string[] ProblemTextMembers = ["title", "detail"];

    readonly HttpClient http;

    /// <param name="apiKey">Sent on every request in the <c>x-functions-key</c> header; null for a host that asks for none.</param>
    public ApiClient(Uri baseAddress, TimeSpan requestTimeout, string? apiKey)
    {
        BaseAddress = baseAddress;

        // Relative paths resolve under the base address only when it ends with a slash.
        var root = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
        http = new HttpClient { BaseAddress = root, Timeout = requestTimeout };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, apiKey);
        }
    }

    public Uri BaseAddress { get; }

    /// <summary>Null when the host is ready; otherwise why not. Never throws for an unready host: callers retry.</summary>
    public async Task<string?> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "api/health", null, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"/api/health answered {Status(response)}";
        }
        catch (ApiException ex)
        {
            return ex.Message;
        }
    }

    public async Task PutServicePointAsync(ServicePoint point, CancellationToken cancellationToken)
    {
        var path = $"api/service-points/{Uri.EscapeDataString(point.ServicePointId)}";
        using var response = await SendAsync(HttpMethod.Put, path, JsonContent.Create(point, options: ServiceOrdersJson.Options), cancellationToken);
        await EnsureStatusAsync(response, [HttpStatusCode.OK], cancellationToken);
    }

    /// <summary>Submits an order: 202 for a new order, 200 when the request id already has one.</summary>
    public async Task<OrderAccepted> SubmitOrderAsync(ServiceOrderRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, "api/orders", JsonContent.Create(request, options: ServiceOrdersJson.Options), cancellationToken);
        await EnsureStatusAsync(response, [HttpStatusCode.Accepted, HttpStatusCode.OK], cancellationToken);
        return await ReadAsync<OrderAccepted>(response, cancellationToken);
    }

    /// <summary>The order's current view, or null when the host does not know the order (yet).</summary>
    public async Task<OrderView?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, $"api/orders/{Uri.EscapeDataString(orderId)}", null, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureStatusAsync(response, [HttpStatusCode.OK], cancellationToken);
        return await ReadAsync<OrderView>(response, cancellationToken);
    }

    /// <summary>The CIS calls an order off; 202 when the host took the cancellation (the order ends later).</summary>
    public async Task CancelOrderAsync(string orderId, CancelRequested cancel, CancellationToken cancellationToken)
    {
        var path = $"api/orders/{Uri.EscapeDataString(orderId)}/cancel";
        using var response = await SendAsync(HttpMethod.Post, path, JsonContent.Create(cancel, options: ServiceOrdersJson.Options), cancellationToken);
        await EnsureStatusAsync(response, [HttpStatusCode.Accepted], cancellationToken);
    }

    /// <summary>An operator resolves an order in exception; the host answers 409 when the order is not in exception.</summary>
    public async Task ActOnOrderAsync(string orderId, OperatorAction action, CancellationToken cancellationToken)
    {
        var path = $"api/orders/{Uri.EscapeDataString(orderId)}/actions";
        using var response = await SendAsync(HttpMethod.Post, path, JsonContent.Create(action, options: ServiceOrdersJson.Options), cancellationToken);
        await EnsureStatusAsync(response, [HttpStatusCode.Accepted], cancellationToken);
    }

    /// <summary>The orders that wait for an operator, oldest first.</summary>
    public async Task<IReadOnlyList<OrderException>> ListExceptionsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "api/exceptions", null, cancellationToken);
        await EnsureStatusAsync(response, [HttpStatusCode.OK], cancellationToken);
        return await ReadAsync<List<OrderException>>(response, cancellationToken);
    }

    /// <summary>
    /// Loads the registry from a CSV file: the number of service points imported, or, when the host refused the file,
    /// the errors it found (nothing was imported then).
    /// </summary>
    public async Task<RegistryImportOutcome> ImportServicePointsAsync(byte[] csv, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue(RegistryFile.ContentType) { CharSet = "utf-8" };
        using var response = await SendAsync(HttpMethod.Post, "api/service-points/import", content, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest
            && await ReadProblemAsync<RegistryImportProblem>(response, cancellationToken) is { Errors.Count: > 0 } problem)
        {
            return new RegistryImportOutcome(0, problem.Errors, problem.ErrorCount);
        }

        await EnsureStatusAsync(response, [HttpStatusCode.OK], cancellationToken);
        var imported = await ReadAsync<RegistryImported>(response, cancellationToken);
        return new RegistryImportOutcome(imported.Imported, [], 0);
    }

    public void Dispose() => http.Dispose();

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        try
        {
            return await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new ApiException($"cannot reach the host at {BaseAddress}: {Printable.Clip(ex.Message, 200)}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation; the caller's Ctrl-C stays a cancellation.
            throw new ApiException($"{method} /{path} got no answer within {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode[] expected, CancellationToken cancellationToken)
    {
        if (expected.Contains(response.StatusCode))
        {
            return;
        }

        var problem = await DescribeProblemAsync(response, cancellationToken);
        var hint = response.StatusCode == HttpStatusCode.Unauthorized ? $" (give the host's API key with --api-key or {CliOptions.ApiKeyVariable})" : "";
        throw new ApiException($"{Describe(response)} answered {Status(response)}{(problem is null ? "" : ": " + problem)}{hint}");
    }

    /// <summary>A problem details body as <typeparamref name="T"/>, or null when the body is not one.</summary>
    static async Task<T?> ReadProblemAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return await response.Content.ReadFromJsonAsync<T>(ServiceOrdersJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ServiceOrdersJson.Options, cancellationToken)
                ?? throw new ApiException($"{Describe(response)} answered with an empty body instead of a {TypeName<T>()}");
        }
        catch (JsonException ex)
        {
            throw new ApiException($"{Describe(response)} answered with a body that is not a valid {TypeName<T>()}: {Printable.Clip(ex.Message, 160)}", ex);
        }
    }

    /// <summary>"OrderView", or "list of OrderException" rather than "List`1".</summary>
    static string TypeName<T>() =>
        typeof(T).IsGenericType ? $"list of {typeof(T).GetGenericArguments()[0].Name}" : typeof(T).Name;

    /// <summary>The title and detail of a problem-details body, or the start of any other body.</summary>
    static async Task<string?> DescribeProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var parts = ProblemTextMembers
                    .Select(name => document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                    .OfType<string>()
                    .ToList();
                if (parts.Count > 0)
                {
                    return Printable.Clip(string.Join(": ", parts), 300);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the raw text.
        }

        return Printable.Clip(body.Trim(), 200);
    }

    static string Describe(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";

    static string Status(HttpResponseMessage response) => $"{(int)response.StatusCode} {response.ReasonPhrase}";
}
