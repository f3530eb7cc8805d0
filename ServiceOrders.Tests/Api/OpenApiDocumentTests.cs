using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Api;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Host.OpenApi;
using ServiceOrders.Tests.Functions;
using ServiceOrders.Tests.Security;

namespace ServiceOrders.Tests.Api;

/// <summary>The OpenAPI document and page describe every route the host maps, with its security and schemas.</summary>
[Collection(SecuredHostCollection.Name)]
public class OpenApiDocumentTests(SecuredHostFixture host)
{
    async Task<JsonElement> DocumentAsync()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    static JsonElement? Operation(JsonElement document, MappedEndpoint endpoint) =>
        document.GetProperty("paths").TryGetProperty(endpoint.Pattern, out var path)
        && path.TryGetProperty(endpoint.Method.ToLowerInvariant(), out var operation)
            ? operation
            : null;

    [Fact]
    public async Task TheDocument_ListsEveryRouteOfTheApi()
    {
        var document = await DocumentAsync();

        var missing = MappedEndpoints.Api(host.Services).Where(e => e.InApiDescription && Operation(document, e) is null);

        Assert.Empty(missing);
    }

    [Fact]
    public async Task TheDocument_DeclaresTheApiKeyAndBearerSchemes()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        var header = schemes.GetProperty(OpenApiServices.ApiKeyHeaderScheme);
        Assert.Equal("apiKey", header.GetProperty("type").GetString());
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.Equal(ApiKeyHeader.Name, header.GetProperty("name").GetString());
        var query = schemes.GetProperty(OpenApiServices.ApiKeyQueryScheme);
        Assert.Equal("query", query.GetProperty("in").GetString());
        Assert.Equal(ApiKeyHeader.QueryParameter, query.GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty(OpenApiServices.BearerScheme).GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task EveryProtectedOperation_NamesItsSecurityAndItsRefusal()
    {
        var document = await DocumentAsync();

        foreach (var endpoint in MappedEndpoints.Api(host.Services).Where(e => e.InApiDescription))
        {
            var operation = Operation(document, endpoint)!.Value;
            var hasSecurity = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
            var refusal = operation.GetProperty("responses").TryGetProperty("401", out _);
            Assert.True(hasSecurity != endpoint.AllowsAnonymous, $"{endpoint}: security {(hasSecurity ? "listed" : "missing")}.");
            Assert.True(refusal != endpoint.AllowsAnonymous, $"{endpoint}: 401 {(refusal ? "listed" : "missing")}.");
        }
    }

    [Fact]
    public async Task EveryEndpointOfTheHost_IsInTheDocument_WithItsBodyAndAnswerSchemas()
    {
        var document = await DocumentAsync();
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var problems = new List<string>();

        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }))
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var name = $"{method} {pattern}";
                if (!document.GetProperty("paths").TryGetProperty(pattern, out var path) || !path.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    problems.Add($"{name}: not in the document.");
                    continue;
                }

                problems.AddRange(OpenApiDescriptions.MissingDescriptions(endpoint).Select(missing => $"{name}: no {missing} on the endpoint."));
                if (!operation.TryGetProperty("description", out var description) || string.IsNullOrWhiteSpace(description.GetString()))
                {
                    problems.Add($"{name}: no description.");
                }

                // Every route that takes a body (POST and PUT, here) says what the body is.
                var takesBody = method is "POST" or "PUT" || endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
                if (takesBody && !HasSchema(operation, "requestBody"))
                {
                    problems.Add($"{name}: no request body schema.");
                }

                var successes = operation.GetProperty("responses").EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
                if (successes.Count == 0)
                {
                    problems.Add($"{name}: no success answer.");
                }

                foreach (var success in successes.Where(r => r.Name != "204" && !HasSchema(r.Value)))
                {
                    problems.Add($"{name}: the {success.Name} answer has no schema.");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void OnlyTheDocumentItsPageAndDiagnostics_AreLeftOutOfTheDocument()
    {
        var excluded = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'));

        Assert.All(excluded, pattern => Assert.True(
            pattern.StartsWith("/openapi/", StringComparison.Ordinal) || pattern.StartsWith("/scalar", StringComparison.Ordinal) || pattern.StartsWith("/api/bench/", StringComparison.Ordinal),
            $"{pattern} is left out of the document."));
    }

    [Fact]
    public async Task EveryHttpTriggerOfTheFunctionsApp_IsInTheDocument_AndNothingElse()
    {
        var document = await DocumentAsync();
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Where(o => HttpMethods.Any(m => m == o.Name)).Select(o => $"{o.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();

        var triggers = FunctionsHttpTriggers.All().Select(t => $"{t.Method} {t.Pattern}").ToHashSet();

        Assert.NotEmpty(triggers);
        Assert.Empty(triggers.Except(operations));
        Assert.Empty(operations.Except(triggers));
    }

    [Fact]
    public async Task TheDocument_ListsTheOrderList()
    {
        var list = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders").GetProperty("get");

        Assert.Equal("ListOrders", list.GetProperty("operationId").GetString());
        Assert.True(HasSchema(list.GetProperty("responses").GetProperty("200")));
    }

    [Fact]
    public async Task AnonymousOperations_StateThatTheyNeedNoCredentials()
    {
        var health = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/health").GetProperty("get");

        Assert.True(health.TryGetProperty("security", out var security), "/api/health has no security.");
        Assert.Equal(0, security.GetArrayLength());
    }

    [Fact]
    public async Task TheServerUrls_EndWithoutASlash()
    {
        var servers = (await DocumentAsync()).GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()!).ToList();

        Assert.NotEmpty(servers);
        Assert.All(servers, url => Assert.False(url.EndsWith('/'), url));
    }

    static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    static bool HasSchema(JsonElement operation, string property) =>
        operation.TryGetProperty(property, out var part) && HasSchema(part);

    static bool HasSchema(JsonElement part) =>
        part.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any()
        && content.EnumerateObject().All(media => media.Value.TryGetProperty("schema", out _));

    [Fact]
    public async Task ProblemAnswers_AreProblemDetails()
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders").GetProperty("post");

        var problem = operation.GetProperty("responses").GetProperty("400").GetProperty("content");

        Assert.True(problem.TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task ListOrders_DescribesItsQueryParameters()
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/orders").GetProperty("get");

        var names = operation.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());

        Assert.Equal(
            ["status", "requestType", "meterClass", "commodity", "servicePointId", "requestingSystem", "q", "from", "to", "sort", "pageSize", "top", "pageToken"],
            names);
    }

    [Fact]
    public async Task ThePage_AnswersWithHtmlWithoutCredentials()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ThePageScript_IsServedByTheHostWithoutCredentials()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "scalar/scalar.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
