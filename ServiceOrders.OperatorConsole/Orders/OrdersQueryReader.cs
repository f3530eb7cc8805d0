using System.Globalization;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.OperatorConsole.Api;

namespace ServiceOrders.OperatorConsole.Orders;

/// <summary>Reads the order list's URL into an <see cref="OrderQuery"/>, saying in words what it cannot read.</summary>
public static class OrdersQueryReader
{
    public static (OrderQuery Query, List<string> Errors) Read(
        string? status, string? requestType, string? meterClass, string? commodity, string? servicePointId, string? requestingSystem,
        string? from, string? to, string? q, string? sort, int? pageSize, string? pageToken)
    {
        var errors = new List<string>();
        var query = new OrderQuery
        {
            Status = EnumOf<OrderStatus>(status, "status", errors),
            RequestType = EnumOf<RequestType>(requestType, "request type", errors),
            MeterClass = EnumOf<MeterClass>(meterClass, "meter class", errors),
            Commodity = EnumOf<Commodity>(commodity, "commodity", errors),
            ServicePointId = Blank(servicePointId),
            RequestingSystem = Blank(requestingSystem),
            From = DayOf(from, "from", errors),
            To = DayOf(to, "to", errors),
            Q = Blank(q),
            Sort = Blank(sort) is { } s && !OrderSort.All.Contains(s) ? Error<string>($"The sort '{s}' is not known.", errors) : Blank(sort),
            PageSize = pageSize is { } size && (size < 1 || size > 200) ? Error<int?>("Per page must be 1 to 200.", errors) : pageSize,
            PageToken = Blank(pageToken),
        };
        return (query, errors);
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static T? Error<T>(string message, List<string> errors)
    {
        errors.Add(message);
        return default;
    }

    static TEnum? EnumOf<TEnum>(string? text, string what, List<string> errors) where TEnum : struct, Enum
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        // By name only, as the API reads it.
        if (Enum.GetNames<TEnum>().Contains(value, StringComparer.Ordinal))
        {
            return Enum.Parse<TEnum>(value);
        }

        errors.Add($"The {what} '{value}' is not known.");
        return null;
    }

    static DateOnly? DayOf(string? text, string what, List<string> errors)
    {
        if (Blank(text) is not { } value)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add($"The date '{what}' must be written yyyy-mm-dd.");
        return null;
    }
}
