using ServiceOrders.Adapters.Intake;

namespace ServiceOrders.Api;

/// <summary>Reading request bodies for every route: a size limit enforced while reading, and one set of problem answers.</summary>
public static class HttpBodies
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/> (read no further than the limit).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest http, int maxBytes, CancellationToken cancellationToken)
    {
        if (http.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// A JSON body as a <typeparamref name="T"/>, or the problem to answer: 413 over the limit, 415 not JSON, 400 empty or
    /// malformed. <paramref name="expected"/> tells the caller what to send when the body is empty.
    /// </summary>
    public static Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest http, int maxBytes, CancellationToken cancellationToken, string? expected = null)
        where T : class =>
        ReadJsonAsync<T>(http, maxBytes, whenEmpty: null, expected, cancellationToken);

    /// <summary>
    /// An optional JSON body: <paramref name="whenEmpty"/> when none is sent or it is empty, else as
    /// <see cref="ReadJsonAsync{T}(HttpRequest, int, CancellationToken, string?)"/>, so a malformed body is a problem however it is framed.
    /// </summary>
    public static Task<(T? Value, IResult? Problem)> ReadOptionalJsonAsync<T>(HttpRequest http, int maxBytes, T whenEmpty, CancellationToken cancellationToken)
        where T : class =>
        http.ContentLength is 0 || (http.ContentLength is null && http.Headers.TransferEncoding.Count == 0)
            ? Task.FromResult<(T?, IResult?)>((whenEmpty, null))
            : ReadJsonAsync(http, maxBytes, whenEmpty, null, cancellationToken);

    static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest http, int maxBytes, T? whenEmpty, string? expected, CancellationToken cancellationToken)
        where T : class
    {
        var tooLarge = OrderApi.Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"Bodies are limited to {maxBytes} bytes.");
        if (http.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }

        if (http.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !contentType.Contains("+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, OrderApi.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send application/json."));
        }

        var body = await ReadBoundedAsync(http, maxBytes, cancellationToken);
        if (body is null)
        {
            return (null, tooLarge);
        }

        if (body.Length == 0 && whenEmpty is not null)
        {
            return (whenEmpty, null);
        }

        var empty = OrderApi.Problem(StatusCodes.Status400BadRequest, "Empty body", expected ?? $"Send a {typeof(T).Name} as JSON.");
        if (body.Length == 0)
        {
            return (null, empty);
        }

        if (RequestBodies.TryDeserialize<T>(body, out var value, out var error))
        {
            return (value, null);
        }

        return (null, error is null ? empty : OrderApi.Problem(StatusCodes.Status400BadRequest, "Malformed request", RequestBodies.Describe<T>(error)));
    }
}
