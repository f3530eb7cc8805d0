using ServiceOrders.Host.Security;

namespace ServiceOrders.Tests.Security;

/// <summary>The host never starts silently open, nor with settings that contradict each other or a guessable key.</summary>
public class SecurityOptionsTests
{
    const string Key = "0123456789abcdef-key";

    [Fact]
    public void NoCredentials_AndNoAllowAnonymous_IsAProblem()
    {
        var problem = Assert.Single(new SecurityOptions().FindProblems());

        Assert.Contains("Security:AllowAnonymous=true", problem, StringComparison.Ordinal);
        Assert.Contains("Security:ApiKeys", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyEmptyKeys_AreNoCredentials() =>
        Assert.NotEmpty(new SecurityOptions { ApiKeys = ["", ""] }.FindProblems());

    [Fact]
    public void AllowAnonymous_WithoutCredentials_OpensTheApi()
    {
        var options = new SecurityOptions { AllowAnonymous = true };

        Assert.Empty(options.FindProblems());
        Assert.True(options.IsOpen);
    }

    [Fact]
    public void AKey_ClosesTheApi()
    {
        var options = new SecurityOptions { ApiKeys = [Key] };

        Assert.Empty(options.FindProblems());
        Assert.False(options.IsOpen);
    }

    [Fact]
    public void AllowAnonymous_WithAKey_Contradicts() =>
        Assert.Contains(new SecurityOptions { ApiKeys = [Key], AllowAnonymous = true }.FindProblems(), p => p.Contains("contradicts", StringComparison.Ordinal));

    [Theory]
    [InlineData("short")]
    [InlineData("0123456789abcde")]
    [InlineData("0123456789 abcdef")]
    [InlineData("0123456789abcdef\t")]
    public void AGuessableOrMangledKey_IsAProblem(string key) =>
        Assert.Contains(new SecurityOptions { ApiKeys = [Key, key] }.FindProblems(), p => p.StartsWith("Security:ApiKeys:1", StringComparison.Ordinal));

    [Theory]
    [InlineData("https://login.microsoftonline.com/tenant/v2.0", null)]
    [InlineData(null, "api://serviceorders")]
    [InlineData("http://login.microsoftonline.com/tenant/v2.0", "api://serviceorders")]
    [InlineData("login.microsoftonline.com", "api://serviceorders")]
    public void AnIncompleteOrInsecureEntraSetting_IsAProblem(string? authority, string? audience) =>
        Assert.NotEmpty(new SecurityOptions { ApiKeys = [Key], Entra = new() { Authority = authority, Audience = audience } }.FindProblems());

    [Fact]
    public void Entra_AloneIsEnoughCredentials()
    {
        var options = new SecurityOptions { Entra = new() { Authority = "https://login.microsoftonline.com/tenant/v2.0", Audience = "api://serviceorders" } };

        Assert.Empty(options.FindProblems());
        Assert.False(options.IsOpen);
    }

    [Fact]
    public void ADelegatingKey_FollowsTheRulesOfAnApiKey()
    {
        var problem = Assert.Single(new SecurityOptions { ApiKeys = [Key], DelegatingKeys = ["short"] }.FindProblems());

        Assert.Contains("Security:DelegatingKeys:0", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeyInBothLists_IsAProblem() =>
        Assert.Contains(new SecurityOptions { ApiKeys = [Key], DelegatingKeys = [Key] }.FindProblems(),
            p => p.Contains("both", StringComparison.Ordinal));

    [Fact]
    public void ADelegatingKeyAlone_ClosesTheApi()
    {
        var options = new SecurityOptions { DelegatingKeys = [Key] };

        Assert.Empty(options.FindProblems());
        Assert.False(options.IsOpen);
    }
}
