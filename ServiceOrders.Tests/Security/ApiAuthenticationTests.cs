using System.Net;
using System.Text;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Tests.Security;

/// <summary>
/// Every route but health refuses a caller without valid credentials before its handler runs, with 401 problem
/// details that say how to authenticate; an API key (either of the rotating pair, in the header or as ?code=) or an
/// Entra ID token for the right audience gets through.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public class ApiAuthenticationTests(SecuredHostFixture host)
{
    const string UnknownServicePoint = "api/service-points/NO-SUCH-POINT";

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    async Task<List<string>> RefusalsAsync(Func<MappedEndpoint, Task<HttpResponseMessage>> send)
    {
        var endpoints = MappedEndpoints.Api(host.Services).Where(e => !e.AllowsAnonymous).ToList();
        Assert.NotEmpty(endpoints);
        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var response = await send(endpoint);
            if (response.StatusCode != HttpStatusCode.Unauthorized
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || response.Headers.WwwAuthenticate.Count == 0)
            {
                wrong.Add($"{endpoint} answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        return wrong;
    }

    [Fact]
    public async Task EveryRoute_RefusesACallWithoutCredentials()
    {
        var wrong = await RefusalsAsync(e => host.SendAsync(new HttpMethod(e.Method), e.Path, content: Json("{}")));

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryRoute_RefusesAWrongKey()
    {
        var wrongKey = TestCredentials.NewApiKey();

        var wrong = await RefusalsAsync(e => host.SendAsync(new HttpMethod(e.Method), e.Path, apiKey: wrongKey, content: Json("{}")));

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryRoute_RefusesAWrongKeyInTheQuery()
    {
        var wrongKey = TestCredentials.NewApiKey();

        var wrong = await RefusalsAsync(e => host.SendAsync(new HttpMethod(e.Method), $"{e.Path}?code={wrongKey}", content: Json("{}")));

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task EveryRoute_RefusesATokenForAnotherAudience()
    {
        var token = TestCredentials.Token(host.SigningKey, audience: "api://another-app");

        var wrong = await RefusalsAsync(e => host.SendAsync(new HttpMethod(e.Method), e.Path, bearer: token, content: Json("{}")));

        Assert.Empty(wrong);
    }

    [Fact]
    public void OnlyHealthAndTheApiDescription_AreOpen()
    {
        var open = MappedEndpoints.Of(host.Services).Where(e => e.AllowsAnonymous).Select(e => e.Pattern).Distinct();

        Assert.All(open, pattern => Assert.True(
            pattern == "/api/health" || pattern.StartsWith("/openapi/", StringComparison.Ordinal) || pattern.StartsWith("/scalar", StringComparison.Ordinal),
            $"{pattern} answers without credentials."));
    }

    [Fact]
    public async Task Health_AnswersWithoutCredentials()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AWrongKey_DoesNotCloseHealth()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "api/health", apiKey: "not-the-key-at-all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ARefusal_SaysHowToAuthenticate()
    {
        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenges = response.Headers.WwwAuthenticate.Select(c => c.Scheme).ToList();
        Assert.Equal(["ApiKey", "Bearer"], challenges);
        Assert.Contains(ApiKeyHeader.Name, response.Headers.WwwAuthenticate.First().Parameter, StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"status\":401", body, StringComparison.Ordinal);
        Assert.Contains(ApiKeyHeader.Name, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongKey_IsToldItIsNotValid()
    {
        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint, apiKey: host.ApiKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("not valid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownPath_IsRefusedBeforeItIsLookedUp()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "api/no-such-route");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EitherKeyOfARotation_GetsThrough(bool next)
    {
        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint, apiKey: next ? host.NextApiKey : host.ApiKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AKeyInTheCodeQueryParameter_GetsThrough()
    {
        using var response = await host.SendAsync(HttpMethod.Get, $"{UnknownServicePoint}?code={Uri.EscapeDataString(host.ApiKey)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    public async Task AnEmptyOrPartialKey_IsRefused(string suffix)
    {
        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint, apiKey: host.ApiKey[..8] + suffix);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ARefusedCall_NeverReachesItsHandler()
    {
        var servicePointId = $"SP-SEC-{Guid.NewGuid():N}"[..24];
        var body = $"{{\"servicePointId\":\"{servicePointId}\",\"commodity\":\"Electric\",\"meter\":null}}";

        using var refused = await host.SendAsync(HttpMethod.Put, $"api/service-points/{servicePointId}", apiKey: "wrong-key-0123456789", content: Json(body));
        using var lookup = await host.SendAsync(HttpMethod.Get, $"api/service-points/{servicePointId}", apiKey: host.ApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task ATokenFromTheAuthorityForTheApi_GetsThrough()
    {
        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint, bearer: TestCredentials.Token(host.SigningKey));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ATokenForAnotherAudience_IsRefusedAsAnInvalidToken()
    {
        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint, bearer: TestCredentials.Token(host.SigningKey, audience: "api://another-app"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var bearer = Assert.Single(response.Headers.WwwAuthenticate, c => c.Scheme == "Bearer");
        Assert.Contains("error=\"invalid_token\"", bearer.Parameter, StringComparison.Ordinal);
    }

    public static TheoryData<string> BadTokens => ["wrong signing key", "another issuer", "expired", "not a token"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ATokenThatIsNotValid_IsRefused(string what)
    {
        var token = what switch
        {
            "wrong signing key" => TestCredentials.Token(TestCredentials.NewSigningKey()),
            "another issuer" => TestCredentials.Token(host.SigningKey, issuer: "https://login.test.invalid/another-tenant/v2.0"),
            "expired" => TestCredentials.Token(host.SigningKey, expires: DateTime.UtcNow.AddHours(-1)),
            _ => "not-a-token",
        };

        using var response = await host.SendAsync(HttpMethod.Get, UnknownServicePoint, bearer: token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
