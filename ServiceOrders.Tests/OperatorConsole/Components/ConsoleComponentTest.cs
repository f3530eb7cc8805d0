using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ServiceOrders.Contracts.Api;
using ServiceOrders.OperatorConsole.Api;
using ServiceOrders.OperatorConsole.Configuration;
using ServiceOrders.OperatorConsole.Security;

namespace ServiceOrders.Tests.OperatorConsole.Components;

/// <summary>A console page rendered alone, against a fake of the product's API, for a signed-in person.</summary>
public abstract class ConsoleComponentTest : BunitContext
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.Zero);

    protected FakeProductApi Product { get; } = new();

    protected ConsoleComponentTest(string person = "dana", params string[] roles)
    {
        // QuickGrid calls its JavaScript module; nothing here depends on it.
        JSInterop.Mode = JSRuntimeMode.Loose;
        var authorization = AddAuthorization();
        authorization.SetAuthorized(person);
        authorization.SetClaims(roles.Length == 0
            ? [new System.Security.Claims.Claim(OperatorIdentity.RoleClaim, ConsoleRoles.Reader), new System.Security.Claims.Claim(OperatorIdentity.RoleClaim, ConsoleRoles.Operator)]
            : roles.Select(r => new System.Security.Claims.Claim(OperatorIdentity.RoleClaim, r)).ToArray());
        Services.AddSingleton(new ConsoleClock("America/Chicago", new StoppedClock(Now)));
        Services.AddScoped<SignedInOperator>();
        Services.AddScoped(sp => new ConsoleApi(new HttpClient(Product) { BaseAddress = new Uri("http://product.test/") }, sp.GetRequiredService<SignedInOperator>()));
        // Rendered as the server first renders it: no live refresh loop in a component test.
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
    }
}
