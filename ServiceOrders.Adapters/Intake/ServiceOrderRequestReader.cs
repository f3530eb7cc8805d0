using System.Reflection;
using System.Text.Json;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Adapters.Intake;

/// <summary>
/// What a message body says: the request when it is a valid one; otherwise the errors, the reason to set the message
/// aside, and whatever could still be read of who sent it (request id, requesting system) so the CIS can be told.
/// </summary>
public sealed record IntakeReading(
    ServiceOrderRequest? Request,
    string? RequestId,
    string? RequestingSystem,
    string? Reason,
    IReadOnlyList<ValidationError> Errors)
{
    public bool IsValid => Request is not null && Errors.Count == 0;
}

/// <summary>
/// Reads a <see cref="ServiceOrderRequest"/> from a message body by the rules of <c>POST /api/orders</c>: at most
/// <see cref="RequestBodies.MaxBytes"/>, the shared JSON settings (a missing field or an unknown enum value is an
/// error), then <see cref="ServiceOrderValidator"/>. Pure: no I/O, the clock comes in.
/// </summary>
public static class ServiceOrderRequestReader
{
    /// <summary>Request ids longer than this cannot be answered: the reply's message id would exceed Service Bus's 128 characters.</summary>
    public const int MaxReplyableIdLength = 100;

    static readonly string[] RequiredFields = typeof(ServiceOrderRequest).GetConstructors(BindingFlags.Public | BindingFlags.Instance)
        .Single()
        .GetParameters()
        .Where(p => !p.HasDefaultValue)
        .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!))
        .ToArray();

    public static IntakeReading Read(ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        body = RequestBodies.WithoutByteOrderMark(body);
        var (scannedId, scannedSystem, isObject) = Scan(body);
        if (body.Length > RequestBodies.MaxBytes)
        {
            return Rejected(IntakeReasons.MessageTooLarge, scannedId, scannedSystem,
                new ValidationError(IntakeReasons.MessageTooLarge, "body", $"Messages are limited to {RequestBodies.MaxBytes} bytes; this one has {body.Length}."));
        }

        if (!isObject)
        {
            return Rejected(IntakeReasons.Unreadable, null, null,
                new ValidationError(IntakeReasons.MalformedRequest, "body", "The body is not a JSON object: send a ServiceOrderRequest as UTF-8 JSON."));
        }

        if (!RequestBodies.TryDeserialize<ServiceOrderRequest>(body, out var request, out var error))
        {
            return Rejected(IntakeReasons.MalformedRequest, scannedId, scannedSystem, JsonErrors(body, error));
        }

        var errors = ServiceOrderValidator.Validate(request!, now);
        return errors.Count == 0
            ? new IntakeReading(request, request!.RequestId, request.RequestingSystem, null, [])
            : Rejected(IntakeReasons.InvalidRequest, request!.RequestId ?? scannedId, request.RequestingSystem ?? scannedSystem, [.. errors]);
    }

    /// <summary>Whether a reply can carry this request id: present, printable, short enough for a message id.</summary>
    public static bool IsReplyable(string? requestId) =>
        !string.IsNullOrWhiteSpace(requestId) && requestId.Length <= MaxReplyableIdLength && !requestId.Any(char.IsControl);

    static IntakeReading Rejected(string reason, string? requestId, string? requestingSystem, params ValidationError[] errors) =>
        new(null, requestId, requestingSystem, reason, errors);

    static ValidationError[] JsonErrors(ReadOnlySpan<byte> body, JsonException? error)
    {
        // The serializer names one problem; when the body is well-formed JSON, name every missing field as well.
        var missing = MissingFields(body);
        var errors = missing.Select(field => new ValidationError(ReasonCodes.MissingField, field, $"{field} is required.")).ToList();
        if (error is null)
        {
            if (errors.Count == 0)
            {
                errors.Add(new ValidationError(IntakeReasons.MalformedRequest, "body", "The body is null: send a ServiceOrderRequest as JSON."));
            }
        }
        else if (missing.Count == 0 || error.Path is not (null or "$"))
        {
            // The serializer reports missing required fields at the root; those are listed already.
            var wellFormed = missing.Count > 0 || IsWellFormed(body);
            errors.Add(new ValidationError(
                wellFormed ? ReasonCodes.InvalidValue : IntakeReasons.MalformedRequest,
                FieldOf(error.Path),
                RequestBodies.Describe<ServiceOrderRequest>(error)));
        }

        return [.. errors];
    }

    static List<string> MissingFields(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var present = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return RequiredFields.Where(f => !present.Contains(f)).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
        catch (InvalidOperationException)
        {
            // A property name that is not valid UTF-8: the serializer's error says what is wrong.
            return [];
        }
    }

    static bool IsWellFormed(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, ReaderOptions);
            using var _ = JsonDocument.ParseValue(ref reader);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static string FieldOf(string? path) => path switch
    {
        null or "$" => "body",
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ => path,
    };

    static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 32 };

    /// <summary>
    /// Reads <c>requestId</c> and <c>requestingSystem</c> from the top level of a body that need not be valid, or even
    /// complete: what comes before the first error counts. Only the first <see cref="RequestBodies.MaxBytes"/> are read.
    /// </summary>
    static (string? RequestId, string? RequestingSystem, bool IsObject) Scan(ReadOnlySpan<byte> body)
    {
        var isFinal = body.Length <= RequestBodies.MaxBytes;
        var reader = new Utf8JsonReader(isFinal ? body : body[..RequestBodies.MaxBytes], isFinal, new JsonReaderState(ReaderOptions));
        string? requestId = null;
        string? requestingSystem = null;
        var isObject = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null, false);
            }

            isObject = true;
            while ((requestId is null || requestingSystem is null) && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }

                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    if (string.Equals(name, "requestId", StringComparison.OrdinalIgnoreCase))
                    {
                        requestId ??= reader.GetString();
                    }
                    else if (string.Equals(name, "requestingSystem", StringComparison.OrdinalIgnoreCase))
                    {
                        requestingSystem ??= reader.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Broken further on: keep what was read before.
        }
        catch (InvalidOperationException)
        {
            // A string with invalid UTF-8 or escapes: keep what was read before.
        }

        return (requestId, requestingSystem, isObject);
    }
}
