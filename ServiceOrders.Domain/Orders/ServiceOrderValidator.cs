using System.Text.RegularExpressions;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Domain.Planning;

namespace ServiceOrders.Domain.Orders;

/// <summary>Checks a request on its own, before it enters the engine. Checks that need the registry happen in the order.</summary>
public static partial class ServiceOrderValidator
{
    /// <summary>
    /// Ids become parts of durable instance ids, activity ids and URLs: letters, digits, '-' and '_' only. The end is
    /// \z, not $: $ also matches before a final line feed, and "R1\n" would pass.
    /// </summary>
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static IReadOnlyList<ValidationError> Validate(ServiceOrderRequest request, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();

        CheckId(errors, request.RequestId, "requestId");
        CheckId(errors, request.ServicePointId, "servicePointId");
        if (request.MeterId is not null)
        {
            CheckId(errors, request.MeterId, "meterId");
        }

        if (request.NewMeter is { } meter)
        {
            CheckId(errors, meter.MeterId, "newMeter.meterId");
            CheckDefined(errors, meter.Class, "newMeter.class");
        }

        CheckDefined(errors, request.Commodity, "commodity");
        if (request.ReadKind is { } readKind)
        {
            CheckDefined(errors, readKind, "readKind");
        }

        if (!Enum.IsDefined(request.RequestType))
        {
            errors.Add(new(ReasonCodes.InvalidValue, "requestType", $"'{(int)request.RequestType}' is not a request type."));
        }
        else if (!ServiceOrderPlanner.Supports(request.RequestType))
        {
            errors.Add(new(ReasonCodes.UnsupportedRequestType, "requestType", $"{request.RequestType} orders are not supported."));
        }

        if (request.RequestedDate is { } date && (date < now.AddYears(-1) || date > now.AddYears(2)))
        {
            errors.Add(new(ReasonCodes.DateOutOfRange, "requestedDate", "The requested date must lie between one year ago and two years ahead."));
        }

        // It travels as a message property and a log field: no control characters.
        if (string.IsNullOrWhiteSpace(request.RequestingSystem) || request.RequestingSystem.Length > 64 || request.RequestingSystem.Any(char.IsControl))
        {
            errors.Add(new(ReasonCodes.InvalidValue, "requestingSystem", "The requesting system must be named, in at most 64 characters, without control characters."));
        }

        return errors;
    }

    static void CheckId(List<ValidationError> errors, string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(ReasonCodes.MissingField, field, $"{field} is required."));
        }
        else if (!IsValidId(value))
        {
            errors.Add(new(ReasonCodes.InvalidId, field, $"{field} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit."));
        }
    }

    static void CheckDefined<T>(List<ValidationError> errors, T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(new(ReasonCodes.InvalidValue, field, $"'{value}' is not a valid {typeof(T).Name}."));
        }
    }
}
