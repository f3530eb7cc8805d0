using ServiceOrders.Contracts.Api;

namespace ServiceOrders.OperatorConsole.Security;

/// <summary>A person of the development sign-in, read from <c>name:Role1,Role2</c>.</summary>
public sealed record DevelopmentUser(string Name, IReadOnlyList<string> Roles)
{
    /// <summary>Reads each entry; an entry without a name or with a role that is not one of <see cref="ConsoleRoles"/> is refused with a message that says which.</summary>
    public static IReadOnlyList<DevelopmentUser> ParseAll(IEnumerable<string> entries)
    {
        var users = new List<DevelopmentUser>();
        foreach (var entry in entries.SelectMany(e => e.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var name = (colon < 0 ? entry : entry[..colon]).Trim();
            var roles = colon < 0
                ? []
                : entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (name.Length == 0)
            {
                throw new InvalidOperationException($"Console:DevelopmentUsers: '{entry}' has no name; write name:Role1,Role2.");
            }

            if (roles.Length == 0)
            {
                throw new InvalidOperationException($"Console:DevelopmentUsers: '{name}' has no role; write {name}:Reader (or {string.Join(", ", ConsoleRoles.All)}).");
            }

            var unknown = roles.FirstOrDefault(r => !ConsoleRoles.All.Contains(r, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"Console:DevelopmentUsers: '{name}' has the unknown role '{unknown}'; roles are {string.Join(", ", ConsoleRoles.All)}.");
            }

            users.Add(new DevelopmentUser(name, roles));
        }

        return users;
    }
}
