using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Adapters.HeadEnds;

/// <summary>
/// Checks what a crew or a head-end reports before it reaches an order: what an answer says becomes the registered
/// state of a service point (meter ids, switch, readings), so it is held to the rules of a request. Pure; the clock
/// comes in.
/// </summary>
public static class AnswerValidator
{
    public const int MaxTextLength = 2000;
    public const int MaxReadings = 1000;

    /// <summary>How long ago a reported date may lie.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(10 * 366);

    /// <summary>How far ahead of our clock a reported date may lie (the sender's clock may run ahead).</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(1);

    public static IReadOnlyList<ValidationError> Validate(FieldCompletion completion, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        Defined(errors, completion.Code, "code");
        if (completion.Switch is { } state)
        {
            Defined(errors, state, "switch");
        }

        Name(errors, completion.Crew, "crew");
        Date(errors, completion.CompletedAt, "completedAt", now);
        Readings(errors, completion.Readings, now);
        if (completion.InstalledMeter is { } meter)
        {
            Id(errors, meter.MeterId, "installedMeter.meterId");
            Defined(errors, meter.Class, "installedMeter.class");
        }

        if (completion.RemovedMeterId is not null)
        {
            Id(errors, completion.RemovedMeterId, "removedMeterId");
        }

        Text(errors, completion.Remarks, "remarks");
        return errors;
    }

    public static IReadOnlyList<ValidationError> Validate(HeadEndResult result, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        Defined(errors, result.Outcome, "outcome");
        if (result.Switch is { } state)
        {
            Defined(errors, state, "switch");
        }

        Readings(errors, result.Readings, now);
        Text(errors, result.Error, "error");
        return errors;
    }

    static void Readings(List<ValidationError> errors, IReadOnlyList<Reading>? readings, DateTimeOffset now)
    {
        if (readings is null)
        {
            return;
        }

        if (readings.Count > MaxReadings)
        {
            errors.Add(new(ReasonCodes.InvalidValue, "readings", $"An answer carries at most {MaxReadings} readings."));
            return;
        }

        for (var i = 0; i < readings.Count; i++)
        {
            var reading = readings[i];
            if (reading is null)
            {
                errors.Add(new(ReasonCodes.InvalidValue, $"readings[{i}]", $"readings[{i}] is null."));
                continue;
            }

            errors.AddRange(Validate(reading, $"readings[{i}]", now));
        }
    }

    /// <summary>One reading, as an answer or the registry carries it; <paramref name="field"/> names it in the errors.</summary>
    public static IReadOnlyList<ValidationError> Validate(Reading reading, string field, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        Name(errors, reading.Register, $"{field}.register", required: true);
        Name(errors, reading.Unit, $"{field}.unit", required: true);
        Date(errors, reading.TakenAt, $"{field}.takenAt", now);
        Defined(errors, reading.Kind, $"{field}.kind");
        return errors;
    }

    static void Id(List<ValidationError> errors, string? value, string field)
    {
        if (!ServiceOrderValidator.IsValidId(value))
        {
            errors.Add(new(ReasonCodes.InvalidId, field, $"{field} must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit."));
        }
    }

    /// <summary>A short label: at most 64 characters, no control characters.</summary>
    static void Name(List<ValidationError> errors, string? value, string field, bool required = false)
    {
        if (value is null ? required : string.IsNullOrWhiteSpace(value) || value.Length > 64 || value.Any(char.IsControl))
        {
            errors.Add(new(ReasonCodes.InvalidValue, field, $"{field} is 1 to 64 characters, without control characters."));
        }
    }

    /// <summary>Free text: line breaks and tabs are fine, other control characters are not.</summary>
    static void Text(List<ValidationError> errors, string? value, string field)
    {
        if (value is not null && (value.Length > MaxTextLength || value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))))
        {
            errors.Add(new(ReasonCodes.InvalidValue, field, $"{field} is at most {MaxTextLength} characters, without control characters other than line breaks."));
        }
    }

    static void Date(List<ValidationError> errors, DateTimeOffset? value, string field, DateTimeOffset now)
    {
        if (value is { } date && (date < now - MaxAge || date > now + MaxAhead))
        {
            errors.Add(new(ReasonCodes.DateOutOfRange, field, $"{field} must lie within the last ten years, and not after tomorrow."));
        }
    }

    static void Defined<T>(List<ValidationError> errors, T value, string field)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            errors.Add(new(ReasonCodes.InvalidValue, field, $"'{value}' is not a {typeof(T).Name}."));
        }
    }
}
