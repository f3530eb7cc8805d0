using ServiceOrders.AppHost;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.AppHost;

/// <summary><c>./run.sh demo --keep</c> leaves the operator console up for the same people as <c>./run.sh</c>.</summary>
public class DemoConsoleTests
{
    static readonly string RunScript = File.ReadAllText(RepositoryFiles.PathOf("run.sh"));

    [Fact]
    public void TheKeptDemo_SignsInThePeopleOfTheDevelopmentEntryPoint()
    {
        Assert.Contains($"CONSOLE_USERS=\"{DevelopmentConsole.Users}\"", RunScript, StringComparison.Ordinal);
        Assert.Contains("Console__DevelopmentUsers=\"$CONSOLE_USERS\"", RunScript, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKeptDemosConsole_SpeaksToTheHostWithADelegatingKey_NotASystemKey()
    {
        Assert.Contains("Security__DelegatingKeys__0=\"$console_key\" start_host", RunScript, StringComparison.Ordinal);
        Assert.Contains("Console__ApiKey=\"$console_key\"", RunScript, StringComparison.Ordinal);
    }
}
