using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;
using ServiceOrders.Functions.Triggers;

namespace ServiceOrders.Tests.Functions;

/// <summary>One HTTP-triggered function of the Functions app: its method and its route as the Functions host serves it.</summary>
public sealed record FunctionsHttpTrigger(string Function, string Method, string Pattern)
{
    public override string ToString() => $"{Function}: {Method} {Pattern}";
}

/// <summary>
/// The HTTP triggers of the Functions app, read from its [Function] methods: a trigger added later is covered by the
/// tests that go through this list without anyone adding it to them.
/// </summary>
public static partial class FunctionsHttpTriggers
{
    /// <summary>host.json's extensions.http.routePrefix.</summary>
    const string RoutePrefix = "api";

    public static IReadOnlyList<FunctionsHttpTrigger> All() =>
    [
        .. typeof(HttpApiFunctions).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(method => (Function: method.GetCustomAttribute<FunctionAttribute>(), Trigger: method.GetParameters()
                .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                .FirstOrDefault(t => t is not null)))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .SelectMany(f => (f.Trigger!.Methods ?? ["get", "post"]).Select(method =>
                new FunctionsHttpTrigger(f.Function!.Name, method.ToUpperInvariant(), Pattern(f.Trigger.Route ?? f.Function.Name)))),
    ];

    /// <summary>The route as an OpenAPI path: under the prefix, parameters without constraints or defaults.</summary>
    static string Pattern(string route) => $"/{RoutePrefix}/" + Constraint().Replace(route.Trim('/'), "{$1}");

    [GeneratedRegex(@"\{\*?([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex Constraint();
}
