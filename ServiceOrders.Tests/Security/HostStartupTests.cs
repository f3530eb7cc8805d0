using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using ServiceOrders.Host;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Security;

/// <summary>The host itself, not just its settings: it refuses to start open by accident, and opens only when told to.</summary>
public class HostStartupTests
{
    static WebApplication Build(params string[] security) => StandaloneHost.Build(
    [
        "--urls=http://127.0.0.1:0",
        $"--AzureWebJobsStorage={TestStorage.ConnectionString}",
        $"--Durable:TaskHubName={TestStorage.NewTaskHubName("start")}",
        "--Simulators:Enabled=false",
        "--Logging:LogLevel:Default=Warning",
        .. security,
    ]);

    [Theory]
    [InlineData]
    [InlineData("--Security:AllowAnonymous=false")]
    [InlineData("--Security:ApiKeys:0=")]
    [InlineData("--Security:ApiKeys:0=too-short")]
    [InlineData("--Security:Entra:Authority=https://login.microsoftonline.com/tenant/v2.0")]
    public async Task WithoutUsableCredentials_TheHostRefusesToStart(params string[] security)
    {
        await using var app = Build(security);

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Security:", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithAllowAnonymous_TheHostServesCallsWithoutCredentials()
    {
        await using var app = Build("--Security:AllowAnonymous=true");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First() + "/") };

            using var response = await http.GetAsync("api/service-points/NO-SUCH-POINT");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
