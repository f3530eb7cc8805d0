using ServiceOrders.Tests.Support;

[assembly: AssemblyFixture(typeof(TestStorageFixture))]

namespace ServiceOrders.Tests.Support;

/// <summary>
/// Lives as long as the test run: when it ends, stops the Azurite that <see cref="TestStorage"/> started, if any.
/// Azurite starts on first use rather than here, so that a run of tests that need no storage needs no Azurite either.
/// </summary>
public sealed class TestStorageFixture : IDisposable
{
    public void Dispose() => TestStorage.StopLocal();
}
