using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.IdentityModel.Tokens;
using ServiceOrders.Contracts.Api;
using ServiceOrders.DevHost;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Security;

/// <summary>
/// A standalone host with two API keys (as during a key rotation) and Entra ID tokens configured, the bench's routes on, without simulators,
/// so that it takes no work from the end-to-end host's queues. The tests call it with whatever credentials they test.
/// </summary>
public sealed class SecuredHostFixture : IAsyncLifetime
{
    WebApplication? app;

    public string ApiKey { get; } = TestCredentials.NewApiKey();

    /// <summary>The key that replaces <see cref="ApiKey"/>: both are valid while callers move over.</summary>
    public string NextApiKey { get; } = TestCredentials.NewApiKey();

    /// <summary>The operator console's key: it acts for the person named in the actor header, with the roles in the roles header.</summary>
    public string DelegatingKey { get; } = TestCredentials.NewApiKey();

    public SymmetricSecurityKey SigningKey { get; } = TestCredentials.NewSigningKey();

    /// <summary>Sends no credentials unless a test adds them to its request.</summary>
    public HttpClient Http { get; } = new();

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        app = DevelopmentHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--AzureWebJobsStorage={TestStorage.ConnectionString}",
            $"--Durable:TaskHubName={TestStorage.NewTaskHubName("sec")}",
            "--Simulators:Enabled=false",
            "--Logging:LogLevel:Default=Warning",

            // The bench's diagnostic routes too, so that every route a host can map is checked.
            "--Bench:Enabled=true",
            $"--Security:ApiKeys:0={ApiKey}",
            $"--Security:ApiKeys:1={NextApiKey}",
            $"--Security:DelegatingKeys:0={DelegatingKey}",
            $"--Security:Entra:Authority={TestCredentials.Authority}",
            $"--Security:Entra:Audience={TestCredentials.Audience}",
        ], builder => TestCredentials.TrustTestAuthority(builder, SigningKey));
        await app.StartAsync();
        Http.BaseAddress = new Uri(app.Urls.First() + "/");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>A request with an API key in the header, a bearer token, both, or nothing.</summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? apiKey = null, string? bearer = null, HttpContent? content = null, string? actor = null, string? roles = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/')) { Content = content };
        if (actor is not null)
        {
            request.Headers.Add(ConsoleRoles.ActorHeader, actor);
        }

        if (roles is not null)
        {
            request.Headers.Add(ConsoleRoles.RolesHeader, roles);
        }

        if (apiKey is not null)
        {
            request.Headers.Add(ApiKeyHeader.Name, apiKey);
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Http.SendAsync(request);
    }
}

[CollectionDefinition(Name)]
public sealed class SecuredHostCollection : ICollectionFixture<SecuredHostFixture>
{
    public const string Name = "Secured host";
}
