using Azure.Storage.Queues;
using ServiceOrders.Cli.CommandLine;
using ServiceOrders.Cli.Local;
using ServiceOrders.Tests.Support;

namespace ServiceOrders.Tests.Cli;

/// <summary>
/// <c>local azurite</c>, the starter behind <c>start_azurite</c> in the scripts: it writes a ready file with a
/// connection string that serves, stays until it is asked to stop, and then leaves nothing running.
/// </summary>
public sealed class LocalCommandTests : IDisposable
{
    readonly string work = Directory.CreateTempSubdirectory("serviceorders-local-").FullName;

    [Theory]
    [InlineData("memory")]
    [InlineData("split")]
    public async Task LocalAzurite_ServesUntilAskedToStop_ThenNothingListens(string mode)
    {
        var ready = Path.Combine(work, "ready");
        using var stop = new CancellationTokenSource();
        var run = CliApp.RunAsync(CliApp.Create(TimeProvider.System),
            ["local", "azurite", "--mode", mode, "--bin", RepositoryFiles.PathOf("node_modules", ".bin"), "--logs", work, "--ready-file", ready],
            TextWriter.Null, TextWriter.Null, stop.Token);

        var assignment = await Eventually.GetAsync(
            () => Task.FromResult(File.Exists(ready) ? File.ReadAllLines(ready).SingleOrDefault(l => l.StartsWith("AZURITE_CONNECTION_STRING=", StringComparison.Ordinal)) : null),
            "the ready file");
        var connectionString = assignment["AZURITE_CONNECTION_STRING=".Length..].Trim('\'');
        var queue = new QueueClient(connectionString, "local-starter");
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("hello");
        Assert.Equal("hello", (await queue.ReceiveMessageAsync()).Value.MessageText);

        await stop.CancelAsync();

        Assert.Equal(ExitCodes.Success, await run);
        var queuePort = new Uri(connectionString.Split(';').Single(p => p.StartsWith("QueueEndpoint=", StringComparison.Ordinal))["QueueEndpoint=".Length..]).Port;
        Assert.False(await LocalAzurite.AcceptsAsync(queuePort, CancellationToken.None), $"Azurite still listens on {queuePort}");
    }

    [Fact]
    public async Task LocalAzurite_WithoutThePrograms_FailsWithTheReason()
    {
        var error = new StringWriter();

        var code = await CliApp.RunAsync(CliApp.Create(TimeProvider.System),
            ["local", "azurite", "--mode", "memory", "--bin", work, "--logs", work, "--ready-file", Path.Combine(work, "ready")],
            TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("npm ci", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(work, "ready")));
    }

    [Theory]
    [InlineData("azurite", "--mode --bin --data --logs --ready-file")]
    [InlineData("host", "--host-dll --port --log --set --ready-file")]
    public async Task Help_lists_every_option_the_scripts_use(string part, string optionNames)
    {
        var output = new StringWriter();

        var code = await CliApp.RunAsync(CliApp.Create(TimeProvider.System), ["local", part, "--help"], output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(ExitCodes.Success, code);
        foreach (var option in optionNames.Split(' '))
        {
            Assert.Contains(option, output.ToString(), StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
