using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.OperatorConsole.Security;

/// <summary>The person signed in to the console: the name the API records as the actor, and their roles.</summary>
public sealed record OperatorIdentity(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>The claim type the console keeps roles in, whichever sign-in gave them (Entra's tokens call it <c>roles</c>).</summary>
    public const string RoleClaim = "roles";

    public bool Has(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool CanAct => Has(ConsoleRoles.Operator);

    public static OperatorIdentity? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true })
        {
            return null;
        }

        var name = user.FindFirst("preferred_username")?.Value ?? user.FindFirst(ClaimTypes.Name)?.Value
            ?? user.FindFirst("name")?.Value ?? user.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var roles = user.FindAll(RoleClaim).Concat(user.FindAll(ClaimTypes.Role))
            .Select(c => c.Value)
            .Where(r => ConsoleRoles.All.Contains(r, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new OperatorIdentity(name, roles);
    }
}

/// <summary>Who is signed in, for the page being rendered or the interactive circuit.</summary>
public sealed class SignedInOperator(AuthenticationStateProvider authentication)
{
    public async Task<OperatorIdentity?> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return OperatorIdentity.From(state.User);
    }
}
