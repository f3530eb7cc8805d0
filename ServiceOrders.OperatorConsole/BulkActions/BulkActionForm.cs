using System.ComponentModel.DataAnnotations;
using System.Globalization;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.OperatorConsole.BulkActions;

/// <summary>
/// What a person fills in to act on many orders: the filters (or a list of order ids), the action, the reason and a
/// note. Turned into the API's <see cref="BulkActionRequest"/>; times are read in the utility's zone.
/// </summary>
public sealed class BulkActionForm
{
    public BulkActionKind Action { get; set; } = BulkActionKind.Retry;

    public OrderStatus? Status { get; set; }

    public RequestType? RequestType { get; set; }

    [MaxLength(64, ErrorMessage = "The exception reason is at most 64 characters.")]
    public string? ReasonCode { get; set; }

    [MaxLength(64, ErrorMessage = "The head-end is at most 64 characters.")]
    public string? HeadEnd { get; set; }

    public string? ServicePointId { get; set; }

    /// <summary>Received at or after, in the utility's zone.</summary>
    public DateTime? From { get; set; }

    /// <summary>Received at or before, in the utility's zone.</summary>
    public DateTime? To { get; set; }

    /// <summary>Order ids, one a line or separated by commas or spaces; instead of the filters.</summary>
    public string? OrderIds { get; set; }

    [Required(ErrorMessage = "Choose a reason.")]
    public string? Reason { get; set; }

    [MaxLength(500, ErrorMessage = "The note may have at most 500 characters.")]
    public string? Note { get; set; }

    public IReadOnlyList<string> OrderIdList =>
        (OrderIds ?? "").Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool HasFilter =>
        Status is not null || RequestType is not null || !string.IsNullOrWhiteSpace(ReasonCode) || !string.IsNullOrWhiteSpace(HeadEnd)
        || !string.IsNullOrWhiteSpace(ServicePointId) || From is not null || To is not null;

    /// <summary>What is wrong with the selection before the API is asked, in words; empty when nothing is.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (OrderIdList.Count > 0 && HasFilter)
        {
            problems.Add("Select by filters or by order ids, not both.");
        }
        else if (OrderIdList.Count == 0 && !HasFilter)
        {
            problems.Add("Give at least one filter or some order ids: a bulk action never selects every order.");
        }

        if (From is { } from && To is { } to && to < from)
        {
            problems.Add("\"Received from\" must not be after \"Received to\".");
        }

        if (Action is BulkActionKind.Retry or BulkActionKind.Skip && Status == OrderStatus.Open)
        {
            problems.Add("Retry and skip act on orders in exception; choose the status Exception or any.");
        }

        return problems;
    }

    /// <summary>The request for the API, with times converted from <paramref name="zone"/> to UTC.</summary>
    public BulkActionRequest ToRequest(TimeZoneInfo zone)
    {
        var ids = OrderIdList;
        var selection = ids.Count > 0
            ? new BulkSelection(OrderIds: [.. ids.Distinct(StringComparer.Ordinal)])
            : new BulkSelection(Status, RequestType, Trimmed(ReasonCode), Trimmed(HeadEnd), Trimmed(ServicePointId), InZone(From, zone), InZone(To, zone));
        return new BulkActionRequest(Action, selection, Reason ?? "", Trimmed(Note));
    }

    static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static DateTimeOffset? InZone(DateTime? local, TimeZoneInfo zone)
    {
        if (local is not { } value)
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }
}

/// <summary>A bulk action in the words people use on shift.</summary>
public static class BulkActionText
{
    public static string Verb(BulkActionKind action) => action switch
    {
        BulkActionKind.Retry => "Retry",
        BulkActionKind.Skip => "Skip the stuck activity",
        _ => "Cancel",
    };

    /// <summary>What an order's result means: the action done (<c>Cancelled</c>), waiting, or why it was refused.</summary>
    public static string Outcome(BulkActionKind action, BulkOrderResult result) => result.Outcome switch
    {
        "Applied" => action switch
        {
            BulkActionKind.Retry => "Retried",
            BulkActionKind.Skip => "Skipped",
            _ => "Cancelled",
        },
        "Pending" => "Waiting",
        "Refused" => result.Detail is { Length: > 0 } why ? $"Refused: {why}" : "Refused",
        var other => other,
    };

    public static string State(BulkActionState state) => state switch
    {
        BulkActionState.AwaitingApproval => "Awaiting approval",
        BulkActionState.Running => "Running",
        BulkActionState.Completed => "Completed",
        _ => "Refused",
    };

    public static string Reason(string code) => AuditReasons.All.FirstOrDefault(r => r.Key == code).Value ?? code;

    /// <summary>The filters of a selection in words, e.g. <c>status Exception, reason Timeout, head-end HES-2</c>.</summary>
    public static string Selection(BulkSelection selection, Func<DateTimeOffset, string> format)
    {
        if (selection.OrderIds is { Count: > 0 } ids)
        {
            return ids.Count <= 5 ? $"orders {string.Join(", ", ids)}" : $"{ids.Count} orders by id";
        }

        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name} {value}");
            }
        }

        Add("status", selection.Status?.ToString());
        Add("request type", selection.RequestType?.ToString());
        Add("exception reason", selection.ReasonCode);
        Add("head-end", selection.HeadEnd);
        Add("service point", selection.ServicePointId);
        Add("received from", selection.From is { } from ? format(from) : null);
        Add("received to", selection.To is { } to ? format(to) : null);
        return parts.Count == 0 ? "no filter" : string.Join(", ", parts);
    }

    /// <summary>Whether <paramref name="person"/> may approve, and if not, why, in words.</summary>
    public static (bool May, string? WhyNot) MayDecide(BulkActionView view, string? person, bool isApprover)
    {
        if (view.State != BulkActionState.AwaitingApproval)
        {
            return (false, null);
        }

        if (person is not null && string.Equals(view.ProposedBy, person, StringComparison.OrdinalIgnoreCase))
        {
            return (false, "You proposed it: a second person, an Approver, must approve it.");
        }

        return isApprover ? (true, null) : (false, "Approving needs the Approver role.");
    }

    public static string Percent(int done, int total) =>
        total == 0 ? "0%" : (100.0 * done / total).ToString("0", CultureInfo.InvariantCulture) + "%";
}
