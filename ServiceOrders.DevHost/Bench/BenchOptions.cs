namespace ServiceOrders.DevHost.Bench;

/// <summary>
/// Diagnostics for the benchmark (section <c>Bench</c>, on in <c>appsettings.Bench.json</c> only): a count of the
/// host's storage requests and its engine settings on <c>/api/bench/engine</c>, and with <see cref="Baseline"/> the
/// bare engine's "hello, cities" orchestration that the bench compares the product with.
/// </summary>
public sealed class BenchOptions
{
    public const string SectionName = "Bench";

    public bool Enabled { get; set; }

    /// <summary>Registers <see cref="HelloCities"/> and the routes that start and count it.</summary>
    public bool Baseline { get; set; }
}
