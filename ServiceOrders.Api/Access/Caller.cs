using System.Security.Claims;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Api.Access;

/// <summary>
/// Who calls the API, as the hosts' authentication leaves it in the request's user: a system (a plain API key or
/// function key, with every role, named <c>api-key-N</c>), or a person (the console with a delegating key and the
/// actor and roles headers, or an Entra ID bearer token) with the roles that person has.
/// </summary>
/// <param name="Actor">Who: the person, or the system's name. The audit records it.</param>
/// <param name="IsPerson">Whether a person acts (then a reason is asked for each change).</param>
/// <param name="Roles">The roles held, from <see cref="ConsoleRoles.All"/>.</param>
/// <param name="MissingActor">A delegating caller that did not name the person it acts for: it may do nothing.</param>
public sealed record Caller(string Actor, bool IsPerson, IReadOnlyList<string> Roles, bool MissingActor = false)
{
    /// <summary>The claim that marks a person (as opposed to a system).</summary>
    public const string PersonClaim = "serviceorders:person";

    /// <summary>The claim that marks a delegating caller that did not send the actor header.</summary>
    public const string MissingActorClaim = "serviceorders:missing-actor";

    /// <summary>The actor's name when the API is open (no credentials configured) and nobody authenticated.</summary>
    public const string Anonymous = "anonymous";

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The caller of a request; an unauthenticated one only passes where the API is open, as a system.</summary>
    public static Caller Of(HttpContext context) => Of(context.User);

    public static Caller Of(ClaimsPrincipal? user)
    {
        if (user?.Identity is not { IsAuthenticated: true })
        {
            return new Caller(Anonymous, false, ConsoleRoles.All);
        }

        var actor = user.FindFirst(ClaimTypes.Name)?.Value ?? Anonymous;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(ConsoleRoles.All.Contains).Distinct().ToList();
        return new Caller(actor, user.HasClaim(c => c.Type == PersonClaim), roles, user.HasClaim(c => c.Type == MissingActorClaim));
    }

    /// <summary>A system caller (a plain API key): every role.</summary>
    public static ClaimsIdentity SystemIdentity(string name, string scheme) =>
        new([new Claim(ClaimTypes.Name, name), .. ConsoleRoles.All.Select(r => new Claim(ClaimTypes.Role, r))], scheme);

    /// <summary>
    /// The person a delegating caller (the console) acts for, from the <see cref="ConsoleRoles.ActorHeader"/> and
    /// <see cref="ConsoleRoles.RolesHeader"/> values. Without a valid actor the identity holds no role and is marked
    /// <see cref="MissingActorClaim"/>; unknown roles are ignored.
    /// </summary>
    public static ClaimsIdentity DelegatedIdentity(string? actor, string? roles, string keyName, string scheme)
    {
        if (!IsValidActor(actor))
        {
            return new ClaimsIdentity([new Claim(ClaimTypes.Name, keyName), new Claim(MissingActorClaim, "true")], scheme);
        }

        return PersonIdentity(actor!.Trim(), ParseRoles(roles), scheme);
    }

    /// <summary>A person with the given roles.</summary>
    public static ClaimsIdentity PersonIdentity(string actor, IEnumerable<string> roles, string scheme) =>
        new([new Claim(ClaimTypes.Name, actor), new Claim(PersonClaim, "true"), .. roles.Distinct().Select(r => new Claim(ClaimTypes.Role, r))], scheme);

    /// <summary>The known roles of a comma-separated list, by their canonical names (any case accepted).</summary>
    public static IReadOnlyList<string> ParseRoles(string? roles) =>
        [.. (roles ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(r => ConsoleRoles.All.FirstOrDefault(known => string.Equals(known, r, StringComparison.OrdinalIgnoreCase)))
            .OfType<string>()
            .Distinct()];

    /// <summary>1 to 64 characters, no control characters, not blank.</summary>
    public static bool IsValidActor(string? actor) =>
        !string.IsNullOrWhiteSpace(actor) && actor.Trim().Length <= 64 && !actor.Any(char.IsControl);
}
