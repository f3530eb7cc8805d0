using Microsoft.AspNetCore.Authorization;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Api.Access;

/// <summary>
/// The role each route needs, by the route's name (the same name as the Functions app's trigger), so that both hosts
/// check the same roles: reading needs <see cref="ConsoleRoles.Reader"/>; acting on orders, and the answers and orders
/// of other systems, <see cref="ConsoleRoles.Operator"/>; deciding bulk actions <see cref="ConsoleRoles.Approver"/>;
/// the registry and the webhook subscriptions <see cref="ConsoleRoles.Admin"/>. A system key holds every role.
/// </summary>
public static class RouteRoles
{
    public static IReadOnlyDictionary<string, string> ByName { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SubmitOrder"] = ConsoleRoles.Operator,
        ["ListOrders"] = ConsoleRoles.Reader,
        ["GetOrder"] = ConsoleRoles.Reader,
        ["GetOrderAudit"] = ConsoleRoles.Reader,
        ["CancelOrder"] = ConsoleRoles.Operator,
        ["UpdateOrder"] = ConsoleRoles.Operator,
        ["ActOnOrder"] = ConsoleRoles.Operator,
        ["ListExceptions"] = ConsoleRoles.Reader,
        ["AssignException"] = ConsoleRoles.Operator,
        ["DismissAnswerConflict"] = ConsoleRoles.Operator,
        ["CompleteFieldActivity"] = ConsoleRoles.Operator,
        ["ReportCommandResult"] = ConsoleRoles.Operator,
        ["PutServicePoint"] = ConsoleRoles.Admin,
        ["GetServicePoint"] = ConsoleRoles.Reader,
        ["ImportServicePoints"] = ConsoleRoles.Admin,
        ["CreateSubscription"] = ConsoleRoles.Admin,
        ["ListSubscriptions"] = ConsoleRoles.Reader,
        ["GetSubscription"] = ConsoleRoles.Reader,
        ["DeleteSubscription"] = ConsoleRoles.Admin,
        ["ListSubscriptionDeliveries"] = ConsoleRoles.Reader,
        ["RedeliverSubscriptionEvent"] = ConsoleRoles.Admin,
        ["PreviewBulkAction"] = ConsoleRoles.Operator,
        ["ProposeBulkAction"] = ConsoleRoles.Operator,
        ["ListBulkActions"] = ConsoleRoles.Reader,
        ["GetBulkAction"] = ConsoleRoles.Reader,
        ["ApproveBulkAction"] = ConsoleRoles.Approver,
        ["RefuseBulkAction"] = ConsoleRoles.Approver,
        ["GetOverview"] = ConsoleRoles.Reader,
        ["GetAdmission"] = ConsoleRoles.Reader,
        ["GetMassDisconnectProgress"] = ConsoleRoles.Reader,
        ["GetCutCalendar"] = ConsoleRoles.Reader,
    };

    /// <summary>The role a route needs: its own entry, else <see cref="ConsoleRoles.Reader"/> for a GET; null when undeclared.</summary>
    public static string? For(string? name, string method) =>
        name is not null && ByName.TryGetValue(name, out var role) ? role
        : string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase) ? ConsoleRoles.Reader
        : null;

    /// <summary>Declares the role an endpoint needs; the host refuses callers without it (403, <see cref="ProblemTitles.RoleRequired"/>).</summary>
    public static TBuilder RequiresRole<TBuilder>(this TBuilder builder, string role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RoleRequirement(role));

    /// <summary>
    /// Gives each endpoint of the group that declares no role and is not anonymous the role <see cref="For"/> names,
    /// after the endpoints' own conventions (so an explicit <see cref="RequiresRole"/> wins).
    /// </summary>
    public static void DeclareRoles(IEndpointConventionBuilder group) =>
        group.Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<RoleRequirement>().Any() || endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                return;
            }

            var name = endpoint.Metadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName;
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            if (methods.Count > 0 && For(name, methods[0]) is { } role)
            {
                endpoint.Metadata.Add(new RoleRequirement(role));
            }
        });

    /// <summary>The 403 answer to a caller without the role a route needs.</summary>
    public static IResult RoleRequired(string role) =>
        Results.Problem(
            detail: $"This needs the role {role}.",
            statusCode: StatusCodes.Status403Forbidden,
            title: ProblemTitles.RoleRequired,
            extensions: new Dictionary<string, object?> { [ProblemTypes.RequiredRoleMember] = role });

    /// <summary>The 403 answer to a delegating caller that did not name the person it acts for.</summary>
    public static IResult ActorRequired() =>
        Results.Problem(
            detail: $"A delegating key acts for a person: send {ConsoleRoles.ActorHeader} (1 to 64 characters) and {ConsoleRoles.RolesHeader}.",
            statusCode: StatusCodes.Status403Forbidden,
            title: ProblemTitles.ActorRequired);

    /// <summary>What to answer a caller for a route needing <paramref name="role"/>: null to go ahead, else the refusal.</summary>
    public static IResult? Check(Caller caller, string? role) =>
        role is null ? null
        : caller.MissingActor ? ActorRequired()
        : caller.HasRole(role) ? null
        : RoleRequired(role);
}

/// <summary>The role an endpoint needs: endpoint metadata the authorization middleware turns into a requirement.</summary>
public sealed class RoleRequirement(string role) : IAuthorizationRequirement, IAuthorizationRequirementData
{
    public string Role { get; } = role;

    public IEnumerable<IAuthorizationRequirement> GetRequirements()
    {
        yield return this;
    }

    public override string ToString() => $"Role {Role}";
}
