using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ServiceOrders.Tests.Security;

/// <summary>One route of the running host, with a path that fills its parameters, so a test can call it.</summary>
public sealed record MappedEndpoint(string Method, string Pattern, string Path, bool AllowsAnonymous, bool InApiDescription)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// The routes the host really maps, read from its endpoint data source: a route anyone adds later is covered by the
/// tests that go through this list without anyone adding it to them.
/// </summary>
public static partial class MappedEndpoints
{
    public static IReadOnlyList<MappedEndpoint> Of(IServiceProvider services) =>
    [
        .. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint =>
            {
                var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
                var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } m ? m : ["GET"];
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var described = endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true };
                return methods.Where(method => method != "OPTIONS" && method != "HEAD")
                    .Select(method => new MappedEndpoint(method, pattern, Parameter().Replace(pattern, "T-1"), anonymous, described));
            }),
    ];

    /// <summary>Routes under /api, the product's own.</summary>
    public static IReadOnlyList<MappedEndpoint> Api(IServiceProvider services) =>
        [.. Of(services).Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal))];

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
