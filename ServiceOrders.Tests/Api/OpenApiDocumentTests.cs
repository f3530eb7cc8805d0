using System.Net;
using System.Text.Json;
using ServiceOrders.Host.OpenApi;
using ServiceOrders.Api;
using ServiceOrders.Contracts.Api;
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
    public async Task EveryDescribedRoute_HasItsNameSummaryBodyAndAnswers()
    {
        var document = await DocumentAsync();
        var mapped = MappedEndpoints.Api(host.Services);

        foreach (var description in OpenApiDescriptions.All)
        {
            var endpoint = Assert.Single(mapped, e => e.Method == description.Method && e.Pattern == description.Pattern);
            var operation = Operation(document, endpoint)!.Value;
            Assert.Equal(description.Name, operation.GetProperty("operationId").GetString());
            Assert.Equal(description.Summary, operation.GetProperty("summary").GetString());
            Assert.Equal(description.Body is not null, operation.TryGetProperty("requestBody", out _));
            var responses = operation.GetProperty("responses");
            foreach (var answer in description.Responses)
            {
                Assert.True(responses.TryGetProperty($"{answer.StatusCode}", out var response), $"{endpoint}: no {answer.StatusCode} answer.");
                Assert.True(response.TryGetProperty("content", out _), $"{endpoint}: {answer.StatusCode} has no schema.");
            }
        }
    }

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

        Assert.Equal(["servicePointId", "status", "from", "to", "top"], names);
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
