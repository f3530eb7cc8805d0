using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ServiceOrders.Tests.Security;

/// <summary>
/// Credentials for test hosts: random API keys, as ./run.sh makes them, and a stand-in for Entra ID that signs tokens
/// with a symmetric key the test host is told to trust, so no token is ever fetched from outside.
/// </summary>
public static class TestCredentials
{
    public const string Authority = "https://login.test.invalid/8c1f3d52-4f7e-4c5a-9a0e-2b6d1e7f9a31/v2.0";
    public const string Audience = "api://serviceorders-tests";

    public static string NewApiKey() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static SymmetricSecurityKey NewSigningKey() => new(RandomNumberGenerator.GetBytes(32)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>Makes the host's bearer scheme trust <paramref name="signingKey"/> as the authority's key, instead of reading the authority's metadata.</summary>
    public static void TrustTestAuthority(WebApplicationBuilder builder, SecurityKey signingKey) =>
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            options.Configuration = new OpenIdConnectConfiguration { Issuer = Authority, SigningKeys = { signingKey } });

    /// <summary>A token for a person; with every role unless <paramref name="roles"/> says which (the app roles Entra ID puts in the <c>roles</c> claim).</summary>
    public static string Token(SecurityKey signingKey, string audience = Audience, string issuer = Authority, DateTime? expires = null, string[]? roles = null, string? user = null)
    {
        var until = expires ?? DateTime.UtcNow.AddMinutes(10);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = until.AddHours(-1),
            NotBefore = until.AddHours(-1),
            Expires = until,
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "test-caller"),
                new Claim("azp", "test-client"),
                .. user is null ? Array.Empty<Claim>() : [new Claim("preferred_username", user)],
                .. (roles ?? [.. ServiceOrders.Contracts.Api.ConsoleRoles.All]).Select(r => new Claim("roles", r)),
            ]),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
