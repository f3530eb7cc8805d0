using System.Globalization;
using System.Text;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.OperatorConsole.Api;

/// <summary>
/// The order list's filters, sort and page: the same names in the console's URL (so a view can be shared) and in
/// <c>GET /api/orders</c>'s query.
/// </summary>
public sealed record OrderQuery
{
    public OrderStatus? Status { get; init; }
    public RequestType? RequestType { get; init; }
    public MeterClass? MeterClass { get; init; }
    public Commodity? Commodity { get; init; }
    public string? ServicePointId { get; init; }
    public string? RequestingSystem { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Q { get; init; }
    public string? Sort { get; init; }
    public int? PageSize { get; init; }
    public string? PageToken { get; init; }

    /// <summary>The query string (without <c>?</c>) with every filter that is set; dates become the zone's day bounds in UTC when <paramref name="zone"/> is given.</summary>
    public string ToQueryString(TimeZoneInfo? zone = null, bool forApi = false)
    {
        var parts = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add(new(name, value.Trim()));
            }
        }

        Add("status", Status?.ToString());
        Add("requestType", RequestType?.ToString());
        Add("meterClass", MeterClass?.ToString());
        Add("commodity", Commodity?.ToString());
        Add("servicePointId", ServicePointId);
        Add("requestingSystem", RequestingSystem);
        if (forApi && zone is not null)
        {
            Add("from", From is { } from ? DayStart(from, zone).ToString("O", CultureInfo.InvariantCulture) : null);
            Add("to", To is { } to ? DayStart(to.AddDays(1), zone).AddTicks(-1).ToString("O", CultureInfo.InvariantCulture) : null);
        }
        else
        {
            Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        Add("q", Q);
        Add("sort", Sort);
        Add("pageSize", PageSize?.ToString(CultureInfo.InvariantCulture));
        Add("pageToken", PageToken);

        var text = new StringBuilder();
        foreach (var (name, value) in parts)
        {
            text.Append(text.Length == 0 ? "" : "&").Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return text.ToString();
    }

    static DateTimeOffset DayStart(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
