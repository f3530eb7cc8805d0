using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using ServiceOrders.Contracts.Api;
using ServiceOrders.OperatorConsole.Api;
using ServiceOrders.OperatorConsole.Components;
using ServiceOrders.OperatorConsole.Configuration;
using ServiceOrders.OperatorConsole.Security;

namespace ServiceOrders.OperatorConsole;

/// <summary>
/// The operator console: a Blazor web app (static server rendering, interactive server islands for live pages) that
/// reaches the product through its public HTTP API alone. People sign in first, always: with Entra ID, or locally with
/// the development sign-in; without either the console refuses to start.
/// </summary>
public static class ConsoleHost
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string EntraSignInPath = "/signin/entra";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ConsoleHost).Assembly.GetName().Name,
        });
        // The framework's script and the console's styles are found through the build's static web assets manifest,
        // also when the console runs from another project's output (tests).
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        var options = ReadOptions(builder.Configuration);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => new ConsoleClock(options.TimeZone, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IReadOnlyList<DevelopmentUser>>(DevelopmentUser.ParseAll(options.DevelopmentUsers));

        AddSignIn(builder.Services, options);

        builder.Services.AddScoped<SignedInOperator>();
        builder.Services.AddHttpClient<ConsoleApi>(http =>
        {
            http.BaseAddress = options.ApiBaseUrl;
            http.Timeout = TimeSpan.FromSeconds(30);
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                http.DefaultRequestHeaders.Add(ApiKeyHeader.Name, options.ApiKey);
            }
        });

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddAntiforgery();

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost(SignOutPath, SignOutAsync).AllowAnonymous();
        if (options.HasEntraSignIn)
        {
            app.MapGet(EntraSignInPath, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme])).AllowAnonymous();
        }

        return app;
    }

    /// <summary>The settings, checked: an API to talk to, a known time zone, and a sign-in.</summary>
    internal static ConsoleOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConsoleOptions.SectionName);
        var options = new ConsoleOptions();
        section.Bind(options);
        // One setting may list every user, separated by ';' (an environment variable, a command-line argument).
        if (section["DevelopmentUsers"] is { Length: > 0 } oneLine)
        {
            options.DevelopmentUsers.Add(oneLine);
        }

        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteHttp())
        {
            throw new InvalidOperationException("Console:ApiBaseUrl must be the service orders host's http(s) address.");
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"Console:TimeZone '{options.TimeZone}' is not a known IANA time zone (e.g. America/Chicago).");
        }

        if (!options.HasDevelopmentSignIn && !options.HasEntraSignIn)
        {
            throw new InvalidOperationException(
                "The console needs a sign-in and never runs open: set Console:Entra:Authority and Console:Entra:ClientId, "
                + "or Console:DevelopmentPassword with Console:DevelopmentUsers (name:Role1,Role2).");
        }

        return options;
    }

    static bool IsAbsoluteHttp(this Uri uri) => uri.IsAbsoluteUri && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    static void AddSignIn(IServiceCollection services, ConsoleOptions options)
    {
        var authentication = services.AddAuthentication(o =>
        {
            o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.AccessDeniedPath = SignInPath;
            o.Cookie.Name = "ServiceOrders.Console";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
        });

        if (options.HasEntraSignIn)
        {
            authentication.AddOpenIdConnect(o =>
            {
                o.Authority = options.Entra.Authority;
                o.ClientId = options.Entra.ClientId;
                o.ClientSecret = options.Entra.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.MapInboundClaims = false;
                o.SaveTokens = false;
                o.Scope.Add("profile");
                o.TokenValidationParameters.NameClaimType = "preferred_username";
                o.TokenValidationParameters.RoleClaimType = OperatorIdentity.RoleClaim;
            });
        }

        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>The principal of a person of the development sign-in.</summary>
    public static ClaimsPrincipal PrincipalOf(DevelopmentUser user)
    {
        var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, OperatorIdentity.RoleClaim);
        identity.AddClaim(new Claim(ClaimTypes.Name, user.Name));
        foreach (var role in user.Roles)
        {
            identity.AddClaim(new Claim(OperatorIdentity.RoleClaim, role));
        }

        return new ClaimsPrincipal(identity);
    }

    static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.BadRequest();
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect(SignInPath);
    }

    internal static string LocalOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
