using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;
using ServiceOrders.Api.Access;

namespace ServiceOrders.Host.Security;

/// <summary>The delegating keys, compared like the API keys.</summary>
public sealed record DelegatingKeySet(ApiKeySet Keys);

/// <summary>
/// Checks the role a route declares (<see cref="RoleRequirement"/>) against the caller's. A caller without credentials
/// passes only where the API is open; otherwise the middleware challenges it (401).
/// </summary>
internal sealed class RoleAuthorizationHandler(IOptions<SecurityOptions> security) : AuthorizationHandler<RoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (context.User.Identity is not { IsAuthenticated: true })
        {
            // Not succeeded: the middleware challenges a caller without credentials.
            if (security.Value.IsOpen)
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }

        // Left unsucceeded (not failed outright), the requirement is among the failed ones the refusal names.
        var caller = Caller.Of(context.User);
        if (!caller.MissingActor && caller.HasRole(requirement.Role))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Answers an authenticated caller refused for its role with a 403 problem that names the role (or the missing actor).</summary>
internal sealed class RoleRefusalResultHandler : IAuthorizationMiddlewareResultHandler
{
    readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().FirstOrDefault() is { } requirement)
        {
            var refusal = Caller.Of(context.User).MissingActor ? RouteRoles.ActorRequired() : RouteRoles.RoleRequired(requirement.Role);
            await refusal.ExecuteAsync(context);
            return;
        }

        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>
/// An Entra ID token's person, in the claims the API reads: the actor from <c>preferred_username</c>, <c>name</c> or
/// <c>sub</c>, the roles from the <c>roles</c> claim (the app roles assigned to the user).
/// </summary>
internal static class EntraCaller
{
    public static ClaimsIdentity From(ClaimsPrincipal token, string scheme)
    {
        var actor = token.FindFirst("preferred_username")?.Value ?? token.FindFirst("name")?.Value ?? token.FindFirst("sub")?.Value ?? "entra-user";
        var roles = token.FindAll("roles").Concat(token.FindAll(ClaimTypes.Role)).SelectMany(c => Caller.ParseRoles(c.Value));
        return Caller.PersonIdentity(actor, roles, scheme);
    }
}
