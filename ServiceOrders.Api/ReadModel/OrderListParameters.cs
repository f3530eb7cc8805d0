using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Api.ReadModel;

/// <summary>
/// Reads the query of <c>GET /api/orders</c> into an <see cref="OrderListQuery"/>, every problem as a validation error,
/// and writes and reads its page tokens.
/// </summary>
/// <remarks>
/// A page token carries the received window of the first page (so "the last 7 days" does not move while paging) and
/// where the page before ended, with a check over that and the filters: a token changed by hand, or sent with other
/// filters, is refused rather than read as another place in another list. The check guards against mistakes, not
/// forgery: a forged token can only show orders the caller may list anyway.
/// </remarks>
public static class OrderListParameters
{
    /// <summary>How far from now the dates of an order list may lie.</summary>
    const int ListYears = 100;

    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    const int MaxRange = 93;

    /// <summary>The query, or the errors that make it invalid.</summary>
    public static (OrderListQuery? Query, IReadOnlyList<ValidationError> Errors) Read(IQueryCollection query, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();

        // A parameter given twice is refused rather than read as absent, which would widen the search unasked.
        string? Single(string name)
        {
            var values = query[name];
            if (values.Count > 1)
            {
                errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} may be given once."));
            }

            return values.Count == 1 ? values[0] : null;
        }

        DateTimeOffset? Date(string name)
        {
            if (Single(name) is not { } text)
            {
                return null;
            }

            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            {
                errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} must be an ISO 8601 date and time."));
                return null;
            }

            // No order lies outside this; the range arithmetic and the table query need dates far from year 1 and 9999.
            if (value < now.AddYears(-ListYears) || value > now.AddYears(ListYears))
            {
                errors.Add(new(ReasonCodes.DateOutOfRange, name, $"{name} must lie within {ListYears} years of now."));
                return null;
            }

            return value;
        }

        // By name only: Enum.TryParse would also take "1", " Open" or "Open, Completed".
        T? Named<T>(string name) where T : struct, Enum
        {
            if (Single(name) is not { } text)
            {
                return null;
            }

            if (Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } found)
            {
                return Enum.Parse<T>(found);
            }

            errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} is one of {string.Join(", ", Enum.GetNames<T>())}."));
            return null;
        }

        string? Id(string name, string what)
        {
            var text = Single(name);
            if (text is not null && !ServiceOrderValidator.IsValidId(text))
            {
                errors.Add(new(ReasonCodes.InvalidId, name, $"{what} are 1 to 64 letters, digits, '-' or '_'."));
                return null;
            }

            return text;
        }

        int? Count(string name)
        {
            if (Single(name) is not { } text)
            {
                return null;
            }

            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value is < 1 or > MaxPageSize)
            {
                errors.Add(new(ReasonCodes.InvalidValue, name, $"{name} is a number from 1 to {MaxPageSize}."));
                return null;
            }

            return value;
        }

        var toGiven = Date("to");
        var fromGiven = Date("from");
        var status = Named<OrderStatus>("status");
        var requestType = Named<RequestType>("requestType");
        var meterClass = Named<MeterClass>("meterClass");
        var commodity = Named<Commodity>("commodity");
        var servicePointId = Id("servicePointId", "Service point ids");
        var requestingSystem = Id("requestingSystem", "Requesting systems");
        var q = Id("q", "Order and request ids");

        var sort = OrderListSort.ReceivedDescending;
        if (Single("sort") is { } sortText)
        {
            switch (sortText)
            {
                case OrderSort.ReceivedDescending: sort = OrderListSort.ReceivedDescending; break;
                case OrderSort.ReceivedAscending: sort = OrderListSort.ReceivedAscending; break;
                case OrderSort.UpdatedDescending: sort = OrderListSort.UpdatedDescending; break;
                case OrderSort.UpdatedAscending: sort = OrderListSort.UpdatedAscending; break;
                default:
                    errors.Add(new(ReasonCodes.InvalidValue, "sort", $"sort is one of {string.Join(", ", OrderSort.All)}."));
                    break;
            }
        }

        var pageSize = Count("pageSize");
        var top = Count("top");
        if (pageSize is not null && top is not null)
        {
            errors.Add(new(ReasonCodes.InvalidValue, "top", "top is another name for pageSize: give one of them."));
        }

        var to = toGiven ?? now;
        var from = fromGiven ?? to.AddDays(-7);
        if (to < from || to - from > TimeSpan.FromDays(MaxRange))
        {
            errors.Add(new(ReasonCodes.DateOutOfRange, "from", $"from must not be after to, and the range at most {MaxRange} days."));
        }

        var filters = Filters(query);
        OrderListCursor? after = null;
        if (Single("pageToken") is { } token)
        {
            if (Decode(token, filters) is { } position)
            {
                (from, to, after) = position;
            }
            else
            {
                errors.Add(new(ReasonCodes.InvalidValue, "pageToken", "pageToken is not one this list gave, or the filters changed since: start again without it."));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new OrderListQuery(from, to, pageSize ?? top ?? DefaultPageSize, sort, status, requestType, meterClass, commodity, servicePointId is null ? null : new ServicePointId(servicePointId), requestingSystem, q, after), errors);
    }

    /// <summary>The token for the page after <paramref name="next"/>, bound to the query's filters as given.</summary>
    public static string Encode(IQueryCollection query, OrderListQuery list, OrderListCursor next)
    {
        var filters = Filters(query);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenContent(list.From.UtcTicks, list.To.UtcTicks, next.At.UtcTicks, next.OrderId.Value));
        return $"{Base64Url(payload)}.{Base64Url(Check(payload, filters))}";
    }

    static (DateTimeOffset From, DateTimeOffset To, OrderListCursor After)? Decode(string token, string filters)
    {
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var payload = FromBase64Url(token[..dot]);
            var check = FromBase64Url(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(check, Check(payload, filters)))
            {
                return null;
            }

            var content = JsonSerializer.Deserialize<TokenContent>(payload);
            var min = DateTimeOffset.MinValue.UtcTicks;
            var max = DateTimeOffset.MaxValue.UtcTicks;
            return content is { OrderId: { Length: > 0 } id } && new[] { content.From, content.To, content.At }.All(t => t >= min && t <= max)
                ? (new DateTimeOffset(content.From, TimeSpan.Zero), new DateTimeOffset(content.To, TimeSpan.Zero), new OrderListCursor(new DateTimeOffset(content.At, TimeSpan.Zero), new OrderId(id)))
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The filters as given, which a token must be used with.</summary>
    static string Filters(IQueryCollection query) =>
        string.Join('\n', FilterNames.Select(name => $"{name}={query[name]}"));

    static readonly string[] FilterNames = ["status", "requestType", "meterClass", "commodity", "servicePointId", "requestingSystem", "q", "sort", "from", "to"];

    static byte[] Check(byte[] payload, string filters) =>
        SHA256.HashData([.. payload, .. Encoding.UTF8.GetBytes("\n" + filters)])[..12];

    static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }

    sealed record TokenContent(long From, long To, long At, string OrderId);
}
