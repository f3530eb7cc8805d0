namespace ServiceOrders.Contracts.Api;

/// <summary>
/// The roles people have in the API and the operator console. Each role includes the ones before it in
/// <see cref="All"/> only where stated: an Operator reads too; an Approver and an Admin read too, but act on orders only
/// if they are also Operators.
/// </summary>
public static class ConsoleRoles
{
    /// <summary>Sees everything, changes nothing.</summary>
    public const string Reader = "Reader";

    /// <summary>Acts on orders: resolves exceptions (retry, skip, record done), cancels, assigns, proposes bulk actions.</summary>
    public const string Operator = "Operator";

    /// <summary>Approves (or refuses) bulk actions that another person proposed.</summary>
    public const string Approver = "Approver";

    /// <summary>Changes the registry of service points and the webhook subscriptions.</summary>
    public const string Admin = "Admin";

    /// <summary>Every role, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [Reader, Operator, Approver, Admin];

    /// <summary>The header a trusted caller (the console) names the person it acts for in.</summary>
    public const string ActorHeader = "X-ServiceOrders-Actor";

    /// <summary>The header a trusted caller (the console) lists that person's roles in, comma-separated.</summary>
    public const string RolesHeader = "X-ServiceOrders-Roles";
}
