using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Orders;

/// <summary>
/// When two requests under one request id are the same request. Their content is compared field by field, as the
/// product reads it: every field of the request except the request id itself, whatever carried it (message ids,
/// delivery counts, headers, transport properties and the W3C trace context are not part of it). Equal means: the same text for ids, names and
/// contact details (case matters); the same enum value; the same instant for dates, whatever offset wrote them; and an
/// absent value the same as its default (no <c>account</c> is no life support, no <c>contact</c> is an empty one, no
/// <c>meterId</c> is an empty one, no <c>requestingSystem</c> is <c>CIS</c>).
/// </summary>
public static class RequestContent
{
    static readonly AccountFlags NoFlags = new();
    static readonly Contact NoContact = new();

    /// <summary>The fields (by their JSON names) whose content differs, in the request's field order; empty when the two are the same request.</summary>
    public static IReadOnlyList<string> Differences(ServiceOrderRequest first, ServiceOrderRequest second)
    {
        var a = Canonical(first);
        var b = Canonical(second);
        return a.Where((field, i) => field.Value != b[i].Value).Select(f => f.Name).ToList();
    }

    /// <summary>A short, stable digest of the request's content (16 hex digits), the same for every copy of the same request.</summary>
    public static string Fingerprint(ServiceOrderRequest request)
    {
        var text = string.Join('\n', Canonical(request).Select(f => $"{f.Name}={f.Value}"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    static List<(string Name, string Value)> Canonical(ServiceOrderRequest r) =>
    [
        ("requestType", Json(r.RequestType)),
        ("servicePointId", Json(r.ServicePointId)),
        ("commodity", Json(r.Commodity)),
        ("meterId", Json(string.IsNullOrEmpty(r.MeterId) ? null : r.MeterId)),
        ("newMeter", Json(r.NewMeter)),
        ("readKind", Json(r.ReadKind)),
        ("requestedDate", Json(r.RequestedDate?.ToUniversalTime())),
        ("emergency", Json(r.Emergency)),
        ("requestingSystem", Json(string.IsNullOrEmpty(r.RequestingSystem) ? "CIS" : r.RequestingSystem)),
        ("account", Json(r.Account ?? NoFlags)),
        ("contact", Json(r.Contact ?? NoContact)),
    ];

    static string Json<T>(T value) => JsonSerializer.Serialize(value, ServiceOrdersJson.Options);
}
