using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.OperatorConsole.Configuration;

/// <summary>
/// The operator console's settings (section <c>Console</c>): which API it speaks to, with which key, the utility's time
/// zone, and how people sign in. One sign-in must be set: the console is never open.
/// </summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>The product's host (standalone host or Functions app), e.g. <c>https://orders.example.com/</c>.</summary>
    [Required]
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>The console's key for the API: a delegating key, so that each request acts as the signed-in person.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The utility's IANA time zone; every time the console shows is in it, with the zone named.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/Chicago";

    /// <summary>The shared password of the development sign-in; with <see cref="DevelopmentUsers"/>.</summary>
    public string? DevelopmentPassword { get; set; }

    /// <summary>The development sign-in's people, each <c>name:Role1,Role2</c>.</summary>
    public List<string> DevelopmentUsers { get; } = [];

    /// <summary>
    /// Where the order's trace is seen, with <c>{orderId}</c> for the order, e.g. the Aspire dashboard's
    /// <c>http://127.0.0.1:18888/traces?filters=serviceorders.order_id%3Aequals%3A{orderId}</c>; no link when empty.
    /// </summary>
    public string? TraceUrlTemplate { get; set; }

    /// <summary>The address of <paramref name="orderId"/>'s trace, or null when no trace viewer is set up.</summary>
    public Uri? TraceUrl(string orderId) =>
        string.IsNullOrWhiteSpace(TraceUrlTemplate)
            ? null
            : Uri.TryCreate(TraceUrlTemplate.Replace("{orderId}", Uri.EscapeDataString(orderId), StringComparison.Ordinal), UriKind.Absolute, out var url) ? url : null;

    /// <summary>Microsoft Entra ID (OpenID Connect); when its authority and client id are set, people sign in there.</summary>
    public EntraSignInOptions Entra { get; set; } = new();

    /// <summary>Whether people can sign in with the development sign-in.</summary>
    public bool HasDevelopmentSignIn => !string.IsNullOrEmpty(DevelopmentPassword) && DevelopmentUsers.Count > 0;

    /// <summary>Whether people sign in with Entra ID.</summary>
    public bool HasEntraSignIn => !string.IsNullOrEmpty(Entra.Authority) && !string.IsNullOrEmpty(Entra.ClientId);
}

/// <summary>The console's registration in Microsoft Entra ID (section <c>Console:Entra</c>).</summary>
public sealed class EntraSignInOptions
{
    /// <summary>e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
