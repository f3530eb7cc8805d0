using System.Text;
using Microsoft.Net.Http.Headers;
using ServiceOrders.Api.Access;
using ServiceOrders.Api.Operators;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.Registry;

/// <summary>
/// <c>POST /api/service-points/import</c>: loads the registry from a CSV file (<see cref="ServicePointCsv"/>). All or
/// nothing as far as the file goes: one bad row and nothing is written, and the answer lists every error with its
/// line. A good file is written row by row, each row replacing the service point's registered state as a PUT does;
/// the rows are not one transaction, so an import cut off by a storage error is finished by sending the file again.
/// </summary>
public sealed partial class ServicePointImport(IServicePointRegistry registry, AuditTrail audit, ILogger<ServicePointImport> logger)
{
    public const string ContentType = RegistryFile.ContentType;

    public const int MaxBodyBytes = RegistryFile.MaxBytes;

    /// <summary>Writes in flight at once: enough to load a large file in reasonable time without flooding the table service.</summary>
    const int ParallelWrites = 16;

    static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task<IResult> ImportAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        if (!IsCsv(http.ContentType))
        {
            return OrderApi.Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the registry file as {ContentType} in UTF-8.");
        }

        var body = await HttpBodies.ReadBoundedAsync(http, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return OrderApi.Problem(StatusCodes.Status413PayloadTooLarge, "File too large", $"Registry files are limited to {MaxBodyBytes / (1024 * 1024)} MiB; split the file.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return OrderApi.Problem(StatusCodes.Status400BadRequest, "Invalid registry file", "The file is not valid UTF-8.");
        }

        var result = ServicePointCsv.Parse(new StringReader(text));
        if (result.TooManyRows)
        {
            return OrderApi.Problem(StatusCodes.Status413PayloadTooLarge, "File too large", $"Registry files are limited to {ServicePointCsv.MaxRows} rows; split the file.");
        }

        if (!result.IsValid)
        {
            var listed = result.Errors.Count < result.ErrorCount ? $" The first {result.Errors.Count} are listed." : "";
            LogImportRefused(logger, result.ErrorCount);
            return Results.Problem(
                detail: $"The file has {result.ErrorCount} errors; nothing was imported.{listed}",
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid registry file",
                extensions: new Dictionary<string, object?> { ["errorCount"] = result.ErrorCount, ["errors"] = result.Errors });
        }

        await audit.RecordAsync(AuditTrail.RegistryImportSubject, Caller.Of(http.HttpContext), "ImportServicePoints", null,
            $"{result.ServicePoints.Count} service points", AuditTrail.Accepted, null, cancellationToken);
        await Parallel.ForEachAsync(
            result.ServicePoints,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelWrites, CancellationToken = cancellationToken },
            async (point, ct) => await registry.UpsertAsync(point, ct));
        LogImported(logger, result.ServicePoints.Count);
        return Results.Json(new RegistryImported(result.ServicePoints.Count), ServiceOrdersJson.Options);
    }

    static bool IsCsv(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)
        && (mediaType.Charset.Length == 0 || mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(Level = LogLevel.Information, Message = "Registry import: {Count} service points written")]
    static partial void LogImported(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registry import refused: {ErrorCount} errors in the file")]
    static partial void LogImportRefused(ILogger logger, int errorCount);
}
