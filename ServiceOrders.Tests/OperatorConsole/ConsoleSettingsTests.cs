using Microsoft.Extensions.Configuration;
using ServiceOrders.OperatorConsole;
using ServiceOrders.OperatorConsole.Security;

namespace ServiceOrders.Tests.OperatorConsole;

public class ConsoleSettingsTests
{
    static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void WithoutASignIn_TheConsoleRefusesToStart_RatherThanRunOpen()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConsoleHost.ReadOptions(Settings(("Console:ApiBaseUrl", "http://localhost:7071/"))));

        Assert.Contains("never runs open", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APasswordWithoutUsers_IsNoSignIn()
    {
        Assert.Throws<InvalidOperationException>(() => ConsoleHost.ReadOptions(Settings(
            ("Console:ApiBaseUrl", "http://localhost:7071/"), ("Console:DevelopmentPassword", "secret"))));
    }

    [Fact]
    public void DevelopmentUsers_MayBeListedOneByOne_OrOnOneLine()
    {
        var listed = ConsoleHost.ReadOptions(Settings(("Console:ApiBaseUrl", "http://localhost:7071/"), ("Console:DevelopmentPassword", "secret"),
            ("Console:DevelopmentUsers:0", "dana:Reader,Operator"), ("Console:DevelopmentUsers:1", "rita:Reader")));
        var oneLine = ConsoleHost.ReadOptions(Settings(("Console:ApiBaseUrl", "http://localhost:7071/"), ("Console:DevelopmentPassword", "secret"),
            ("Console:DevelopmentUsers", "dana:Reader,Operator;rita:Reader")));

        var expected = new[] { ("dana", "Reader,Operator"), ("rita", "Reader") };
        Assert.Equal(expected, DevelopmentUser.ParseAll(listed.DevelopmentUsers).Select(u => (u.Name, string.Join(',', u.Roles))));
        Assert.Equal(expected, DevelopmentUser.ParseAll(oneLine.DevelopmentUsers).Select(u => (u.Name, string.Join(',', u.Roles))));
    }

    [Fact]
    public void EntraAlone_IsASignIn()
    {
        var options = ConsoleHost.ReadOptions(Settings(("Console:ApiBaseUrl", "https://orders.example.com/"),
            ("Console:Entra:Authority", "https://login.microsoftonline.com/tenant/v2.0"), ("Console:Entra:ClientId", "console")));

        Assert.True(options.HasEntraSignIn);
        Assert.False(options.HasDevelopmentSignIn);
    }

    [Theory]
    [InlineData("dana", "has no role")]
    [InlineData("dana:Superuser", "unknown role 'Superuser'")]
    [InlineData(":Reader", "has no name")]
    public void ADevelopmentUserWrittenWrong_IsRefusedWithWhatIsWrong(string entry, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DevelopmentUser.ParseAll([entry]));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTimeZone_IsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ConsoleHost.ReadOptions(Settings(("Console:ApiBaseUrl", "http://localhost:7071/"),
            ("Console:DevelopmentPassword", "secret"), ("Console:DevelopmentUsers", "dana:Reader"), ("Console:TimeZone", "Mars/Olympus"))));

        Assert.Contains("Mars/Olympus", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/orders?status=Exception", "/orders?status=Exception")]
    [InlineData("https://elsewhere.example/", "/")]
    [InlineData("//elsewhere.example/", "/")]
    [InlineData(null, "/")]
    public void AfterSignIn_OnlyAPlaceInTheConsoleIsFollowed(string? returnUrl, string expected) =>
        Assert.Equal(expected, ConsoleHost.LocalOrHome(returnUrl));
}
