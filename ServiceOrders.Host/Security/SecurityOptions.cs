namespace ServiceOrders.Host.Security;

/// <summary>
/// Who may call the standalone host's API (section <c>Security</c>): callers with one of the API keys, or with an
/// Entra ID token for the configured audience. With neither configured the host refuses to start, unless
/// <see cref="AllowAnonymous"/> says explicitly that the API is open.
/// </summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>Shorter keys are refused at start-up: a key must not be guessable.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The keys that are valid now; several, so that a new key can be given out before the old one is removed.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>
    /// Keys of a caller that acts for people (the operator console): it names the person in
    /// <c>X-ServiceOrders-Actor</c> and that person's roles in <c>X-ServiceOrders-Roles</c>, and the request acts as that
    /// person with those roles. Same rules as <see cref="ApiKeys"/>; a key must not be in both lists.
    /// </summary>
    public List<string> DelegatingKeys { get; set; } = [];

    /// <summary>Entra ID bearer tokens, in addition to the keys.</summary>
    public EntraOptions Entra { get; set; } = new();

    /// <summary>Serve the API without any credentials. Only for a host nobody else can reach.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The keys that are set; an empty entry (e.g. an unset environment variable) is no key.</summary>
    public IReadOnlyList<string> ConfiguredKeys => [.. ApiKeys.Where(k => !string.IsNullOrEmpty(k))];

    /// <summary>The delegating keys that are set.</summary>
    public IReadOnlyList<string> ConfiguredDelegatingKeys => [.. DelegatingKeys.Where(k => !string.IsNullOrEmpty(k))];

    public bool HasCredentials => ConfiguredKeys.Count > 0 || ConfiguredDelegatingKeys.Count > 0 || Entra.IsConfigured;

    /// <summary>Whether the API answers callers without credentials.</summary>
    public bool IsOpen => AllowAnonymous && !HasCredentials;

    /// <summary>The first configured key, read without validating the settings (whose problems start-up reports).</summary>
    public static string? FirstApiKey(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<SecurityOptions>()?.ConfiguredKeys is [var first, ..] ? first : null;

    /// <summary>What keeps these settings from being used; empty when they can be.</summary>
    public IReadOnlyList<string> FindProblems()
    {
        var problems = new List<string>();
        for (var i = 0; i < ApiKeys.Count; i++)
        {
            var key = ApiKeys[i];
            if (!string.IsNullOrEmpty(key) && (key.Length < MinimumKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                problems.Add($"{SectionName}:ApiKeys:{i} must be at least {MinimumKeyLength} characters without spaces or control characters.");
            }
        }

        for (var i = 0; i < DelegatingKeys.Count; i++)
        {
            var key = DelegatingKeys[i];
            if (!string.IsNullOrEmpty(key) && (key.Length < MinimumKeyLength || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
            {
                problems.Add($"{SectionName}:DelegatingKeys:{i} must be at least {MinimumKeyLength} characters without spaces or control characters.");
            }
        }

        if (ConfiguredDelegatingKeys.Intersect(ConfiguredKeys, StringComparer.Ordinal).Any())
        {
            problems.Add($"A key is in both {SectionName}:ApiKeys and {SectionName}:DelegatingKeys: a system key and a delegating key must differ.");
        }

        var hasAuthority = !string.IsNullOrWhiteSpace(Entra.Authority);
        var hasAudience = !string.IsNullOrWhiteSpace(Entra.Audience);
        if (hasAuthority != hasAudience)
        {
            problems.Add($"Set both {SectionName}:Entra:Authority and {SectionName}:Entra:Audience, or neither.");
        }
        else if (hasAuthority && (!Uri.TryCreate(Entra.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{SectionName}:Entra:Authority must be an https URL, e.g. https://login.microsoftonline.com/{{tenant-id}}/v2.0.");
        }

        if (!HasCredentials && !AllowAnonymous)
        {
            problems.Add(
                $"The API has no credentials: set {SectionName}:ApiKeys (e.g. {SectionName}__ApiKeys__0=<key>) or {SectionName}:Entra:Authority and Audience. " +
                $"To serve it without any, set {SectionName}:AllowAnonymous=true explicitly.");
        }

        if (AllowAnonymous && HasCredentials)
        {
            problems.Add($"{SectionName}:AllowAnonymous=true contradicts the configured API keys or Entra ID settings: remove one or the other.");
        }

        return problems;
    }
}

/// <summary>Entra ID (Azure AD) bearer tokens: issued by <see cref="Authority"/> for <see cref="Audience"/>.</summary>
public sealed class EntraOptions
{
    /// <summary>The tenant's issuer, e.g. <c>https://login.microsoftonline.com/{tenant-id}/v2.0</c>; its signing keys are read from there.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for: the API's application id or its application id URI.</summary>
    public string? Audience { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(Audience);
}
