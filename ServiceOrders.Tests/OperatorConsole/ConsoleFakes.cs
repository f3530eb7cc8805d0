using System.Net;
using System.Text;
using System.Text.Json;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Tests.OperatorConsole;

/// <summary>The product's API as the console's component tests see it: answers by method and path, and every request kept.</summary>
public sealed class FakeProductApi : HttpMessageHandler
{
    readonly Dictionary<string, Func<HttpResponseMessage>> answers = new(StringComparer.Ordinal);

    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    public FakeProductApi Answer(string method, string pathAndQuery, object body, HttpStatusCode status = HttpStatusCode.OK)
    {
        answers[$"{method} {pathAndQuery}"] = () => new HttpResponseMessage(status)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, ServiceOrdersJson.Options), Encoding.UTF8, "application/json"),
        };
        return this;
    }

    public FakeProductApi Problem(string method, string pathAndQuery, HttpStatusCode status, string title, string? detail = null, string? requiredRole = null)
    {
        answers[$"{method} {pathAndQuery}"] = () => new HttpResponseMessage(status)
        {
            Content = new StringContent(
                JsonSerializer.Serialize(new { type = "about:blank", title, status = (int)status, detail, requiredRole }),
                Encoding.UTF8, "application/problem+json"),
        };
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request, body));
        }

        // A route the API does not have: 404 without problem details, as ASP.NET Core answers it.
        return answers.TryGetValue($"{request.Method} {request.RequestUri!.PathAndQuery}", out var answer)
            ? answer()
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }
}

/// <summary>A clock that stands still, so that ages and durations on the pages are known.</summary>
public sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
