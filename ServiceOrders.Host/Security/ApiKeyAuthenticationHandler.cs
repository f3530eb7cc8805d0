using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Host.Security;

/// <summary>
/// Authenticates a caller by an API key in the <c>x-functions-key</c> header or the <c>code</c> query parameter, as
/// Azure Functions does with function keys. No key: no result, so the authorization policy decides. A wrong key: a
/// failure. Its challenge is a 401 problem details answer that says how to authenticate.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeySet keys,
    DelegatingKeySet delegatingKeys,
    IOptions<SecurityOptions> security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request.Headers[ApiKeyHeader.Name]) ?? Presented(Request.Query[ApiKeyHeader.QueryParameter]);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var index = keys.IndexOf(presented);
        var delegating = delegatingKeys.Keys.IndexOf(presented);
        if (index < 0 && delegating < 0)
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        // The caller is named by the key's position, so that the logs can tell rotated keys apart without holding a key.
        // A delegating key acts for the person its caller names, with that person's roles; a system key holds every role.
        var identity = index >= 0
            ? Caller.SystemIdentity($"api-key-{index}", SchemeName)
            : Caller.DelegatedIdentity(Single(Request.Headers[ConsoleRoles.ActorHeader]), Single(Request.Headers[ConsoleRoles.RolesHeader]), $"delegating-key-{delegating}", SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var detail = result.Failure is not null
            ? "The API key is not valid."
            : security.Value.Entra.IsConfigured
                ? $"Send an API key in the {ApiKeyHeader.Name} header (or the {ApiKeyHeader.QueryParameter} query parameter), or an Entra ID bearer token."
                : $"Send an API key in the {ApiKeyHeader.Name} header (or the {ApiKeyHeader.QueryParameter} query parameter).";
        await UnauthorizedProblem.WriteAsync(Context, detail, UnauthorizedProblem.Challenges(security.Value, bearerChallenge: "Bearer"));
    }

    /// <summary>The one value of a header; several values count as none.</summary>
    static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;

    /// <summary>The one value given; several values or an empty one count as a wrong key, never as a right one.</summary>
    static string? Presented(StringValues values) => values.Count switch
    {
        0 => null,
        1 => values[0] ?? "",
        _ => "",
    };
}
