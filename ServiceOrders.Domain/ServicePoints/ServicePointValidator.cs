using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.Registry;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Domain.ServicePoints;

/// <summary>
/// The rules a registered service point keeps, whichever way it arrives: a PUT, a row of a registry file, or a read
/// from the registry before an order plans on it. One list, so the ways cannot drift apart.
/// </summary>
public static class ServicePointValidator
{
    /// <summary>Where an error points, as JSON paths of <see cref="ServicePoint"/>; the registry file maps them to its columns.</summary>
    public static class Fields
    {
        public const string ServicePointId = "servicePointId";
        public const string Commodity = "commodity";
        public const string MeterId = "meter.meterId";
        public const string MeterClass = "meter.class";
        public const string Commissioned = "meter.commissioned";
        public const string Switch = "meter.switch";
        public const string HeadEndId = "meter.headEndId";
        public const string Unmetered = "unmetered";
        public const string ItemSwitch = "itemSwitch";
    }

    /// <summary>
    /// Every error of <paramref name="point"/>. <paramref name="routeId"/> is the id a request named the service point by
    /// (a PUT's URL); the body must agree with it. Readings are checked where they arrive, against the clock, not here.
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(ServicePoint point, string? routeId = null)
    {
        var errors = new List<ValidationError>();

        if (CheckId(errors, point.ServicePointId, Fields.ServicePointId, "servicePointId")
            && routeId is not null && routeId != point.ServicePointId)
        {
            errors.Add(new(ReasonCodes.InvalidId, Fields.ServicePointId, ServicePointMessages.NotTheRouteId));
        }

        CheckDefined(errors, point.Commodity, Fields.Commodity, "commodity");

        if (point.Meter is { } meter)
        {
            CheckId(errors, meter.MeterId, Fields.MeterId, "meterId");
            var classKnown = CheckDefined(errors, meter.Class, Fields.MeterClass, "class");
            CheckDefined(errors, meter.Switch, Fields.Switch, "switch");

            // The head-end id names a configuration section (HeadEnds:{id}) and a pacing key: an id like any other.
            CheckId(errors, meter.HeadEndId, Fields.HeadEndId, "headEndId");

            if (meter.Commissioned && classKnown && meter.Class != MeterClass.Smart)
            {
                errors.Add(Inconsistent(Fields.Commissioned, ServicePointMessages.CommissionedNotSmart(meter.Class)));
            }

            if (point.Unmetered)
            {
                errors.Add(Inconsistent(Fields.Unmetered, ServicePointMessages.UnmeteredWithMeter));
            }
        }

        if (CheckDefined(errors, point.ItemSwitch, Fields.ItemSwitch, "itemSwitch")
            && !point.Unmetered && point.ItemSwitch != SwitchState.Unknown)
        {
            errors.Add(Inconsistent(Fields.ItemSwitch, ServicePointMessages.ItemSwitchNotUnmetered));
        }

        return errors;
    }

    /// <summary>Whether the id is there and valid; reports it when not.</summary>
    static bool CheckId(List<ValidationError> errors, string? value, string field, string name)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(ReasonCodes.MissingField, field, ServicePointMessages.Required(name)));
            return false;
        }

        if (!ServiceOrderValidator.IsValidId(value))
        {
            errors.Add(new(ReasonCodes.InvalidId, field, ServicePointMessages.InvalidId(name, value)));
            return false;
        }

        return true;
    }

    /// <summary>Whether the value is a member of its enum (JSON may carry a number that is not); reports it when not.</summary>
    static bool CheckDefined<T>(List<ValidationError> errors, T value, string field, string name)
        where T : struct, Enum
    {
        if (Enum.IsDefined(value))
        {
            return true;
        }

        errors.Add(new(ReasonCodes.InvalidValue, field, ServicePointMessages.NotOneOf<T>(name, value.ToString())));
        return false;
    }

    static ValidationError Inconsistent(string field, string message) => new(RegistryErrorCodes.InconsistentRow, field, message);
}

/// <summary>
/// The text of every service point error, written once: the validator, the registry file reader and the API all take
/// their messages from here. <c>name</c> is how the message names the value: a JSON property or a file column.
/// </summary>
public static class ServicePointMessages
{
    public const string NotTheRouteId = "The body's servicePointId must equal the id in the URL: 1 to 64 letters, digits, '-' or '_'.";

    public const string UnmeteredWithMeter = "An unmetered item has no meter: leave meterId empty or unmetered false.";

    public const string ItemSwitchNotUnmetered = "itemSwitch is the switch of an unmetered item; this row is not unmetered.";

    public static string Required(string name) => $"{name} is required.";

    public static string RequiredOneOf<T>(string name)
        where T : struct, Enum => $"{name} is required: one of {Names<T>()}.";

    public static string InvalidId(string name, string value) => $"{name} '{Clip(value)}' is not 1 to 64 letters, digits, '-' or '_'.";

    public static string NotOneOf<T>(string name, string value)
        where T : struct, Enum => $"{name} '{Clip(value)}' is not one of {Names<T>()}.";

    public static string NotABoolean(string name, string value) => $"{name} '{Clip(value)}' is not true or false.";

    public static string CommissionedNotSmart(MeterClass meterClass) => $"Only smart meters are commissioned; this one is {meterClass}.";

    /// <summary>Values are quoted back to the sender, but never at length: a hostile one must not make the answer huge.</summary>
    public static string Clip(string value) => value.Length > 40 ? value[..40] + "…" : value;

    static string Names<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());
}
