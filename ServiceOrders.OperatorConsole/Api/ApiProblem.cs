using System.Net;
using System.Text.Json;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.OperatorConsole.Api;

/// <summary>What the API refused or failed to do, with the words the console shows for it.</summary>
/// <param name="Status">The HTTP status; 0 when the API could not be reached.</param>
/// <param name="Title">The problem's title.</param>
/// <param name="Detail">The problem's detail; null when none.</param>
/// <param name="Errors">Each error the API listed, as text.</param>
/// <param name="RequiredRole">For a 403: the role the action needs, when the API named it.</param>
/// <param name="IsProblemDetails">Whether the answer was problem details (a 404 without them means the route does not exist).</param>
public sealed record ApiProblem(int Status, string Title, string? Detail, IReadOnlyList<string> Errors, string? RequiredRole = null, bool IsProblemDetails = true)
{
    /// <summary>
    /// The API does not offer this (a host without the route): not an error of the person. The framework's own 404 has
    /// no problem details, or the title <see cref="ProblemTitles.RouteNotFound"/>; the product's 404s name what is missing.
    /// </summary>
    public bool NotAvailable => Status == (int)HttpStatusCode.NotFound && (!IsProblemDetails || Title == ProblemTitles.RouteNotFound);

    /// <summary>The problem in words, for the person who asked.</summary>
    public string Message => Status switch
    {
        0 => "The service orders API cannot be reached; try again in a moment.",
        400 => Errors.Count > 0 ? $"The API refused this: {string.Join("; ", Errors)}" : $"The API refused this: {Detail ?? Title}",
        401 => "The console is not allowed to call the API: its key is missing or wrong (Console:ApiKey).",
        403 => RequiredRole is null ? "Your role does not allow this." : $"Your role does not allow this: it needs the {RequiredRole} role.",
        404 when NotAvailable => "This is not available from the API yet.",
        404 => Detail ?? "Not found.",
        409 => $"This cannot be done now: {Detail ?? Title}",
        >= 500 => "The API could not do this because of a problem on its side; try again, and tell support if it stays.",
        _ => Detail ?? Title,
    };

    internal static ApiProblem Unreachable(string detail) => new(0, "Unreachable", detail, [], IsProblemDetails: false);

    internal static async Task<ApiProblem> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var fallback = new ApiProblem(status, response.ReasonPhrase ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture), null, [], IsProblemDetails: false);
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return fallback;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return fallback;
            }

            return new ApiProblem(
                status,
                Text(root, "title") ?? fallback.Title,
                Text(root, "detail"),
                ErrorsOf(root),
                Text(root, "requiredRole"));
        }
        catch (JsonException)
        {
            return fallback;
        }
    }

    static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Errors come as a list of { field, code, message } or as ASP.NET Core's { field: [messages] }.
    static List<string> ErrorsOf(JsonElement root)
    {
        var errors = new List<string>();
        if (!root.TryGetProperty("errors", out var list))
        {
            return errors;
        }

        if (list.ValueKind == JsonValueKind.Array)
        {
            foreach (var error in list.EnumerateArray())
            {
                if (error.ValueKind == JsonValueKind.Object)
                {
                    var field = Text(error, "field");
                    var message = Text(error, "message") ?? Text(error, "code") ?? error.ToString();
                    errors.Add(field is null ? message : $"{field}: {message}");
                }
                else
                {
                    errors.Add(error.ToString());
                }
            }
        }
        else if (list.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in list.EnumerateObject())
            {
                var messages = field.Value.ValueKind == JsonValueKind.Array
                    ? string.Join(" ", field.Value.EnumerateArray().Select(m => m.ToString()))
                    : field.Value.ToString();
                errors.Add($"{field.Name}: {messages}");
            }
        }

        return errors;
    }
}

/// <summary>An answer of the API: the value, or the problem.</summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem)
{
    public bool Ok => Problem is null;

    /// <summary>What a live page shows after this answer: the value; or, when the API could not be reached (a passing
    /// outage), what it showed before, with the problem above it; or nothing for a refusal.</summary>
    public T? OrShown(T? shown) => Value ?? (Problem?.Status == 0 ? shown : default);
}
