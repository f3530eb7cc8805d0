
namespace ServiceOrders.Contracts.Api;

/// <summary>
/// Where a caller puts its API key: the header Azure Functions reads function keys from, or the <c>code</c> query
/// parameter, so that a client of the Functions app works unchanged against the standalone host.
/// </summary>
public static class ApiKeyHeader
{
    /// <summary>The header that carries the API key.</summary>
    public const string Name = "x-functions-key";

    /// <summary>The query parameter that may carry the API key instead of the header.</summary>
    public const string QueryParameter = "code";
}
