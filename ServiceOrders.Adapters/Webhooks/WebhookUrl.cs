namespace ServiceOrders.Adapters.Webhooks;

/// <summary>Which URLs a webhook may be sent to.</summary>
public static class WebhookUrl
{
    public const int MaxLength = 2048;

    /// <summary>
    /// Null when <paramref name="url"/> is usable: absolute, http(s), no user name or password, no fragment, at most
    /// <see cref="MaxLength"/> characters, and https unless the host is loopback and that is allowed. Otherwise why not.
    /// </summary>
    public static string? Check(string url, bool allowInsecureLoopback, out Uri? parsed)
    {
        parsed = null;
        if (url.Length > MaxLength)
        {
            return $"The url is longer than {MaxLength} characters.";
        }

        if (url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "The url may not contain spaces or control characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            return "The url must be an absolute http or https URL.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "The url may not carry a user name or password; the signature authenticates each delivery.";
        }

        if (uri.Fragment.Length > 0)
        {
            return "The url may not have a fragment (#…).";
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !(uri.IsLoopback && allowInsecureLoopback))
        {
            return uri.IsLoopback
                ? "The url must use https (Webhooks:AllowInsecureLoopback is off)."
                : "The url must use https; plain http is accepted for loopback receivers only.";
        }

        parsed = uri;
        return null;
    }
}
