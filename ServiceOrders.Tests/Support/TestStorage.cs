namespace ServiceOrders.Tests.Support;

/// <summary>
/// The storage the tests run against: the one named in SERVICEORDERS_TEST_STORAGE (./test.sh starts an Azurite
/// and sets it), or else an in-memory Azurite of the test run's own, started on first use and stopped when the run ends.
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
        var azurite = LocalAzurite.Start();
        // Should the run end without its assembly fixture being disposed, Azurite is stopped all the same.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Dispose();
        return azurite;
    }
}
