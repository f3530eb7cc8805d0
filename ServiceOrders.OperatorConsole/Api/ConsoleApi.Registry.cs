using System.Net.Http.Headers;
using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.OperatorConsole.Api;

/// <summary>The registry: a service point with its meter, and the CSV import with the API's own error report.</summary>
public sealed partial class ConsoleApi
{
    public Task<ApiResult<ServicePoint>> GetServicePointAsync(string servicePointId, CancellationToken cancellationToken = default) =>
        GetAsync<ServicePoint>($"api/service-points/{Uri.EscapeDataString(servicePointId)}", cancellationToken);

    /// <summary>
    /// Sends a registry file as it is (<see cref="RegistryFile.ContentType"/>), as the signed-in person. A refused file
    /// comes back with the API's errors line by line, not flattened into words, so the console can show them as a table.
    /// </summary>
    public async Task<RegistryImportOutcome> ImportServicePointsAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/service-points/import");
        await AddPersonAsync(request);
        request.Content = new StreamContent(csv);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(RegistryFile.ContentType) { CharSet = "utf-8" };
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new(await response.Content.ReadFromJsonAsync<RegistryImported>(ServiceOrdersJson.Options, cancellationToken), [], 0, null);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var (rows, count) = RowErrorsOf(body);
            using var copy = new HttpResponseMessage(response.StatusCode) { Content = new ByteArrayContent(body), ReasonPhrase = response.ReasonPhrase };
            copy.Content.Headers.ContentType = response.Content.Headers.ContentType;
            return new(null, rows, count, await ApiProblem.ReadAsync(copy, cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            return new(null, [], 0, ApiProblem.Unreachable(ex.Message));
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, [], 0, ApiProblem.Unreachable(ex.Message));
        }
    }

    /// <summary>The person the request acts for, as <see cref="ConsoleRoles.ActorHeader"/> and <see cref="ConsoleRoles.RolesHeader"/>.</summary>
    async Task AddPersonAsync(HttpRequestMessage request)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (await signedIn.GetAsync() is { } person)
        {
            request.Headers.Add(ConsoleRoles.ActorHeader, person.Name);
            request.Headers.Add(ConsoleRoles.RolesHeader, string.Join(',', person.Roles));
        }
    }

    /// <summary>The <c>errors</c> ({ line, field, code, message }) and <c>errorCount</c> of a refused import; none for another problem.</summary>
    static (IReadOnlyList<RegistryRowError> Rows, int Count) RowErrorsOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return ([], 0);
            }

            var rows = errors.EnumerateArray()
                .Where(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("line", out var line) && line.ValueKind == JsonValueKind.Number)
                .Select(e => e.Deserialize<RegistryRowError>(ServiceOrdersJson.Options)!)
                .ToList();
            var count = root.TryGetProperty("errorCount", out var total) && total.TryGetInt32(out var n) ? n : rows.Count;
            return (rows, count);
        }
        catch (JsonException)
        {
            return ([], 0);
        }
    }
}

/// <summary>What became of a registry file: imported (how many), or refused with each row's errors, or another problem.</summary>
/// <param name="Imported">The API's answer when every row was imported.</param>
/// <param name="Errors">The errors the API listed, line by line (the first ones when there are many).</param>
/// <param name="ErrorCount">How many errors the file has in all.</param>
/// <param name="Problem">The refusal; null when imported.</param>
public sealed record RegistryImportOutcome(RegistryImported? Imported, IReadOnlyList<RegistryRowError> Errors, int ErrorCount, ApiProblem? Problem);
