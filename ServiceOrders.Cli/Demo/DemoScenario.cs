using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// One demo scenario: the service points to register first (none for an unknown point), then steps run one after the
/// other. Each <see cref="Submit"/> step is an order with its own expectation; the other steps act on the order submitted
/// last.
/// </summary>
internal sealed record DemoScenario(string Name, IReadOnlyList<ServicePoint> Seeds, IReadOnlyList<DemoStep> Steps)
{
    public IEnumerable<Submit> Orders => Steps.OfType<Submit>();
}
