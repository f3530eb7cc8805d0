using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ServiceOrders.Host.Security;

/// <summary>
/// Authentication of the standalone host: an API key, or an Entra ID bearer token when configured. The fallback
/// authorization policy requires an authenticated caller on every endpoint that does not say otherwise, so a route
/// added later is protected without anyone remembering to protect it; only endpoints marked AllowAnonymous are open.
/// </summary>
public static class SecurityServices
{
    /// <summary>The default scheme: picks the bearer scheme for a bearer token when Entra ID is configured, the key scheme otherwise.</summary>
    public const string DefaultScheme = "ApiKeyOrBearer";

    public static IServiceCollection AddServiceOrdersSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>()
            .Bind(configuration.GetSection(SecurityOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        services.AddSingleton(sp => new ApiKeySet(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.ConfiguredKeys));
        services.AddSingleton(sp => new DelegatingKeySet(new ApiKeySet(sp.GetRequiredService<IOptions<SecurityOptions>>().Value.ConfiguredDelegatingKeys)));
        services.AddHostedService<SecurityStartupLog>();

        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "API key or Entra ID token", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<SecurityOptions>>((jwt, security) =>
            {
                var entra = security.Value.Entra;
                if (entra.IsConfigured)
                {
                    jwt.Authority = entra.Authority;
                    jwt.Audience = entra.Audience;
                    jwt.MapInboundClaims = false;
                }

                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = ChallengeWithProblemAsync,

                    // The token's person becomes the request's user: actor and roles as the API reads them.
                    OnTokenValidated = context =>
                    {
                        context.Principal = new ClaimsPrincipal(EntraCaller.From(context.Principal!, JwtBearerDefaults.AuthenticationScheme));
                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorization();
        services.AddSingleton<IAuthorizationHandler, RoleAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoleRefusalResultHandler>();
        services.AddOptions<AuthorizationOptions>()
            .Configure<IOptions<SecurityOptions>>((authorization, security) =>
            {
                if (!security.Value.IsOpen)
                {
                    authorization.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
                }
            });
        return services;
    }

    static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.Entra.IsConfigured
                ? JwtBearerDefaults.AuthenticationScheme
                : ApiKeyAuthenticationHandler.SchemeName;
    }

    /// <summary>A refused token gets the same problem details as a refused key, with the token error in its challenge (RFC 6750).</summary>
    static Task ChallengeWithProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var bearer = context.Error is null
            ? "Bearer"
            : string.Create(CultureInfo.InvariantCulture, $"Bearer error=\"{context.Error}\", error_description=\"{Quoted(context.ErrorDescription)}\"");
        var detail = context.AuthenticateFailure is null
            ? "Send an Entra ID bearer token or an API key."
            : $"The bearer token was refused: {context.ErrorDescription ?? "it is not valid"}.";
        var security = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value;
        return UnauthorizedProblem.WriteAsync(context.HttpContext, detail, UnauthorizedProblem.Challenges(security, bearer));
    }

    static string Quoted(string? value) => (value ?? "").Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}

/// <summary>Refuses the host's start with every problem of the security settings at once.</summary>
internal sealed class SecurityOptionsValidator : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options) =>
        options.FindProblems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
