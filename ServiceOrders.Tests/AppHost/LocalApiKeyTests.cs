using System.Runtime.Versioning;
using Microsoft.Extensions.Configuration;
using ServiceOrders.AppHost;

namespace ServiceOrders.Tests.AppHost;

/// <summary>The AppHost's API key, kept beside the data it guards as <c>./run.sh host</c> keeps it.</summary>
public sealed class LocalApiKeyTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("serviceorders-apikey-").FullName;

    static IConfiguration Settings(string? key = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(key is null ? [] : [new(LocalApiKey.Variable, key)]).Build();

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void WithoutAKey_MakesOne_ReadableByTheOwnerOnly_AndKeepsIt()
    {
        var file = Path.Combine(directory, "data", "api-key");

        var made = LocalApiKey.Read(Settings(), file);

        Assert.Equal(43, made.Length);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(made, LocalApiKey.Read(Settings(), file));
    }

    [Fact]
    public void KeptKey_IsReadAsWritten_ByTheScripts()
    {
        var file = Path.Combine(directory, "api-key");
        File.WriteAllText(file, "kept-key\n");

        Assert.Equal("kept-key", LocalApiKey.Read(Settings(), file));
    }

    [Fact]
    public void GivenKey_WinsOverTheKeptOne()
    {
        var file = Path.Combine(directory, "api-key");
        File.WriteAllText(file, "kept-key\n");

        Assert.Equal("given-key", LocalApiKey.Read(Settings("given-key"), file));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
