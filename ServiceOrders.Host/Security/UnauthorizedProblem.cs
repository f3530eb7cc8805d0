using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Host.Security;

/// <summary>The 401 answer of every authentication scheme: problem details, and WWW-Authenticate naming each way in.</summary>
internal static class UnauthorizedProblem
{
    /// <summary>The challenges for the schemes the host accepts; <paramref name="bearerChallenge"/> carries a token error, if any.</summary>
    public static string[] Challenges(SecurityOptions security, string bearerChallenge) =>
        security.Entra.IsConfigured
            ? [ApiKeyChallenge, bearerChallenge]
            : [ApiKeyChallenge];

    public static Task WriteAsync(HttpContext context, string detail, string[] challenges)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = new StringValues(challenges);
        return Results.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized").ExecuteAsync(context);
    }

    const string ApiKeyChallenge = $"{ApiKeyAuthenticationHandler.SchemeName} header=\"{ApiKeyHeader.Name}\", query=\"{ApiKeyHeader.QueryParameter}\"";
}
