using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Functions.Access;

/// <summary>
/// The roles of the Functions app's HTTP API, as the standalone host checks them. The Functions host has checked the
/// function key already; a key listed in <c>Security:DelegatingKeys</c> (also a function or host key) is the operator
/// console's and acts for the person it names in the actor and roles headers; any other key is a system with every
/// role. The role each function needs is the one <see cref="RouteRoles"/> names for the function's name.
/// </summary>
public static class FunctionAccess
{
    public const string SchemeName = "FunctionKey";

    /// <summary>Functions that need no role: health.</summary>
    public static readonly IReadOnlySet<string> Anonymous = new HashSet<string>(StringComparer.Ordinal) { "Health" };

    /// <summary>The role a function needs; null for an anonymous one.</summary>
    public static string? RoleFor(string functionName, string method) =>
        Anonymous.Contains(functionName) ? null : RouteRoles.For(functionName, method) ?? ConsoleRoles.Admin;

    /// <summary>Who calls, from the presented key and the headers.</summary>
    public static ClaimsPrincipal CallerOf(string? presentedKey, string? actor, string? roles, IReadOnlyList<string> delegatingKeys)
    {
        var index = IndexOf(presentedKey, delegatingKeys);
        return new ClaimsPrincipal(index < 0
            ? Caller.SystemIdentity("function-key", SchemeName)
            : Caller.DelegatedIdentity(actor, roles, $"delegating-key-{index}", SchemeName));
    }

    /// <summary>What to answer the call instead of running the function; null to run it.</summary>
    public static IResult? Check(ClaimsPrincipal user, string functionName, string method) =>
        RouteRoles.Check(Caller.Of(user), RoleFor(functionName, method));

    /// <summary>The position of the key among <paramref name="keys"/>, compared in constant time over all of them; -1 if none.</summary>
    static int IndexOf(string? presented, IReadOnlyList<string> keys)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return -1;
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var found = -1;
        for (var i = 0; i < keys.Count; i++)
        {
            var equal = !string.IsNullOrEmpty(keys[i]) && CryptographicOperations.FixedTimeEquals(digest, SHA256.HashData(Encoding.UTF8.GetBytes(keys[i])));
            found = equal && found < 0 ? i : found;
        }

        return found;
    }
}

/// <summary>Applies <see cref="FunctionAccess"/> to each HTTP-triggered function before it runs.</summary>
internal sealed class FunctionAccessMiddleware(IConfiguration configuration) : IFunctionsWorkerMiddleware
{
    /// <summary>Read once, as the standalone host reads its keys, not bound again from configuration on every call.</summary>
    readonly string[] delegatingKeys = configuration.GetSection("Security:DelegatingKeys").Get<string[]>() ?? [];

    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is not { } http)
        {
            await next(context);
            return;
        }

        var key = http.Request.Headers[ApiKeyHeader.Name].FirstOrDefault() ?? http.Request.Query[ApiKeyHeader.QueryParameter].FirstOrDefault();
        http.User = FunctionAccess.CallerOf(
            key, http.Request.Headers[ConsoleRoles.ActorHeader].FirstOrDefault(), http.Request.Headers[ConsoleRoles.RolesHeader].FirstOrDefault(), delegatingKeys);
        if (FunctionAccess.Check(http.User, context.FunctionDefinition.Name, http.Request.Method) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        await next(context);
    }
}
