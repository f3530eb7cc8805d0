using ServiceOrders.Cli.Local;

namespace ServiceOrders.Tests.Support;

/// <summary>
/// The storage the tests run against: the one named in SERVICEORDERS_TEST_STORAGE (./test.sh starts an Azurite
/// and sets it), or else an in-memory Azurite of the test run's own, started on first use by the same starter as the
/// scripts' (<see cref="LocalAzurite"/>) and stopped when the run ends, even when it is killed.
/// </summary>
public static class TestStorage
{
    public const string Variable = "SERVICEORDERS_TEST_STORAGE";

    static readonly Lazy<LocalAzurite> Local = new(StartLocal, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : Local.Value.ConnectionString;

    /// <summary>A task hub name of its own for each test host, so tests never see each other's orders.</summary>
    public static string NewTaskHubName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, 45)];

    /// <summary>Stops the test run's own Azurite, if one was started. Called once all tests have run.</summary>
    internal static void StopLocal()
    {
        if (Local.IsValueCreated)
        {
            Local.Value.Dispose();
        }
    }

    static LocalAzurite StartLocal()
    {
        var bin = RepositoryFiles.PathOf("node_modules", ".bin");
        if (!File.Exists(Path.Combine(bin, "azurite")))
        {
            throw new InvalidOperationException(
                $"The tests need Azurite, the Azure Storage emulator, and {Path.Combine(bin, "azurite")} is missing: run 'npm ci' in " +
                $"{RepositoryFiles.Root} to install it (or run ./test.sh, which does), or set {Variable} " +
                "to the connection string of a storage account or emulator to test against.");
        }

        var logs = Directory.CreateTempSubdirectory("serviceorders-tests-azurite-logs.").FullName;
        var azurite = LocalAzurite.StartAsync(new AzuriteSettings(bin, StorageMode.Memory, logs, logs), CancellationToken.None).GetAwaiter().GetResult();
        // Should the run end without its assembly fixture being disposed, Azurite is stopped all the same.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite;
    }
}
