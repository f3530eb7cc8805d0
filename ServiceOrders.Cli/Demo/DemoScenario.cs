using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Cli.Demo;

/// <summary>One demo order: the service point to register first (none for an unknown point), the request, and what should happen.</summary>
internal sealed record DemoScenario(string Name, ServicePoint? Seed, ServiceOrderRequest Request, Expectation Expected)
{
    public string OrderId => Request.RequestId;
}
