using ServiceOrders.Cli.Demo;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Cli.Chaos;

/// <summary>One order of a fault-injection run: what the CIS sends and how it should end, as its demo scenario says.</summary>
internal sealed record ChaosOrder(string Scenario, Submit Submit)
{
    public string OrderId => Submit.OrderId;
}

/// <summary>
/// The orders of a fault-injection run: the demo's scenarios that need no person and no timing (every step a plain
/// submission, one order per service point), repeated under fresh ids until there are enough. So a run covers every
/// request type and meter class it can without an operator, and each order's expected outcome and path are the demo's.
/// </summary>
internal sealed record ChaosPlan(IReadOnlyList<ChaosOrder> Orders, IReadOnlyList<ServicePoint> ServicePoints, string IdPrefix)
{
    public static ChaosPlan Create(int orderCount, string runTag)
    {
        var orders = new List<ChaosOrder>(orderCount);
        var points = new Dictionary<string, ServicePoint>(StringComparer.Ordinal);
        for (var round = 0; orders.Count < orderCount; round++)
        {
            foreach (var scenario in DemoScenarios.Create($"{runTag}-{round}").Where(NeedsNobody))
            {
                foreach (var submit in scenario.Orders)
                {
                    if (orders.Count == orderCount)
                    {
                        break;
                    }

                    orders.Add(new ChaosOrder(scenario.Name, submit));
                    foreach (var point in scenario.Seeds.Where(p => p.ServicePointId == submit.Request.ServicePointId))
                    {
                        points[point.ServicePointId] = point;
                    }
                }
            }
        }

        return new ChaosPlan(orders, points.Values.ToList(), DemoScenarios.OrderIdPrefix(runTag));
    }

    /// <summary>How many kinds of scenario the plan draws from.</summary>
    public int ScenarioCount => Orders.Select(o => o.Scenario).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Submissions only, no service date (its timing is the demo's), and no two orders at one service point (a conflict depends on timing too).</summary>
    static bool NeedsNobody(DemoScenario scenario) =>
        scenario.Steps.All(s => s is Submit { ServiceDateIn: null })
        && scenario.Orders.Select(o => o.Request.ServicePointId).Distinct(StringComparer.Ordinal).Count() == scenario.Orders.Count();
}
