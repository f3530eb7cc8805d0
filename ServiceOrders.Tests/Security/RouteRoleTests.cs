using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Api.Access;
using ServiceOrders.Contracts.Api;

namespace ServiceOrders.Tests.Security;

/// <summary>
/// The server checks the role on every route: a person's request through the console's delegating key, or with an
/// Entra ID token, gets only as far as that person's roles allow, whatever a page shows or hides; a system key holds
/// every role.
/// </summary>
[Collection(SecuredHostCollection.Name)]
public class RouteRoleTests(SecuredHostFixture host)
{
    const string ActionPath = "api/orders/NO-SUCH-ORDER/actions";

    static StringContent Retry() => new("{\"action\":\"Retry\",\"operator\":\"dana\",\"reason\":\"TransientFaultCleared\"}", Encoding.UTF8, "application/json");

    [Fact]
    public void EveryApiRoute_DeclaresTheRoleItNeeds_OrIsExplicitlyAnonymous()
    {
        var undeclared = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && e.Metadata.GetMetadata<RoleRequirement>() is null)
            .Select(e => e.DisplayName)
            .ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public void EachRouteNeedsTheRoleTheSharedTableNames_SoTheFunctionsAppChecksTheSame()
    {
        var differing = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is { } name && RouteRoles.ByName.ContainsKey(name.EndpointName))
            .Where(e => e.Metadata.GetMetadata<RoleRequirement>()?.Role != RouteRoles.ByName[e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName])
            .Select(e => e.DisplayName)
            .ToList();

        Assert.Empty(differing);
    }

    [Fact]
    public async Task AReadersForgedAction_IsRefusedByTheServer_NamingTheRoleItNeeds()
    {
        using var response = await host.SendAsync(HttpMethod.Post, ActionPath, apiKey: host.DelegatingKey, content: Retry(), actor: "rory", roles: ConsoleRoles.Reader);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ProblemTitles.RoleRequired, problem.GetProperty("title").GetString());
        Assert.Equal(ConsoleRoles.Operator, problem.GetProperty(ProblemTypes.RequiredRoleMember).GetString());
    }

    [Fact]
    public async Task EveryChangingRoute_RefusesAReader()
    {
        var changing = MappedEndpoints.Api(host.Services).Where(e => e.Method != "GET" && !e.AllowsAnonymous).ToList();
        Assert.NotEmpty(changing);
        var wrong = new List<string>();
        foreach (var endpoint in changing)
        {
            using var response = await host.SendAsync(new HttpMethod(endpoint.Method), endpoint.Path, apiKey: host.DelegatingKey,
                content: endpoint.Pattern.EndsWith("/import", StringComparison.Ordinal)
                    ? new StringContent("servicePointId,commodity\n", Encoding.UTF8, "text/csv")
                    : new StringContent("{}", Encoding.UTF8, "application/json"),
                actor: "rory", roles: ConsoleRoles.Reader);
            if (response.StatusCode != HttpStatusCode.Forbidden)
            {
                wrong.Add($"{endpoint} answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task AnOperator_GetsPastTheRoleCheck()
    {
        using var response = await host.SendAsync(HttpMethod.Post, ActionPath, apiKey: host.DelegatingKey, content: Retry(), actor: "dana", roles: "Reader, operator");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ASystemKey_KeepsWorkingOnEveryRole()
    {
        using var action = await host.SendAsync(HttpMethod.Post, ActionPath, apiKey: host.ApiKey, content: Retry());
        using var read = await host.SendAsync(HttpMethod.Get, "api/exceptions", apiKey: host.NextApiKey);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), (action.StatusCode, read.StatusCode));
    }

    [Fact]
    public async Task ADelegatingKeyWithoutThePerson_MayDoNothing()
    {
        using var response = await host.SendAsync(HttpMethod.Get, "api/exceptions", apiKey: host.DelegatingKey, roles: ConsoleRoles.Admin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemTitles.ActorRequired, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AnEntraTokenCarriesTheRolesOfItsRolesClaim()
    {
        var reader = TestCredentials.Token(host.SigningKey, roles: [ConsoleRoles.Reader], user: "rory@example.com");

        using var read = await host.SendAsync(HttpMethod.Get, "api/exceptions", bearer: reader);
        using var act = await host.SendAsync(HttpMethod.Post, ActionPath, bearer: reader, content: Retry());

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (read.StatusCode, act.StatusCode));
    }

    [Theory]
    [InlineData(null, null, "system", true)]
    [InlineData("dana", "Operator,Unknown", "dana", false)]
    public void ACallersActorAndRoles_ComeFromItsKind(string? actor, string? roles, string expectedActor, bool allRoles)
    {
        var identity = actor is null ? Caller.SystemIdentity("system", "test") : Caller.DelegatedIdentity(actor, roles, "delegating-key-0", "test");

        var caller = Caller.Of(new System.Security.Claims.ClaimsPrincipal(identity));

        Assert.Equal(expectedActor, caller.Actor);
        Assert.Equal(allRoles ? ConsoleRoles.All : [ConsoleRoles.Operator], caller.Roles);
        Assert.Equal(!allRoles, caller.IsPerson);
    }
}
