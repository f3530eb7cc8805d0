namespace ServiceOrders.Tests.Support;

/// <summary>The Azurite instance the tests run against; ./test.sh starts it and names it in SERVICEORDERS_TEST_STORAGE.</summary>
public static class TestStorage
{
    public const string Variable = "SERVICEORDERS_TEST_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests with ./test.sh, which starts Azurite.");

    /// <summary>A task hub name of its own for each test host, so tests never see each other's orders.</summary>
    public static string NewTaskHubName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 16, 45)];
}
