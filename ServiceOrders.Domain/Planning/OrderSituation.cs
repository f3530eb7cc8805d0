using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.ServicePoints;

namespace ServiceOrders.Domain.Planning;

/// <summary>Everything a decision may look at: the request, the service point as it is now, and what this order has done.</summary>
public sealed record OrderSituation(ServiceOrderRequest Request, ServicePoint Point, IReadOnlyList<ActivityReport> History)
{
    /// <summary>The service point when the order started (what a cancellation restores, what an exchange started from).</summary>
    public ServicePoint? Initial { get; init; }

    /// <summary>
    /// Where counting starts: failures, attempts and the step bound only count reports from this index on. An operator's
    /// retry moves it to the end of the history.
    /// </summary>
    public int CountFrom { get; init; }

    /// <summary>The order was cancelled: the planner only undoes what the order did, where the request type calls for it.</summary>
    public bool Cancelled { get; init; }

    public PlanningPolicy Policy { get; init; } = PlanningPolicy.Default;

    /// <summary>
    /// Whether a reading was taken after service was last turned on in this order (or at all, when the order did not
    /// turn it on): a start reading must not predate the connection.
    /// </summary>
    public bool ReadingTakenSinceConnection
    {
        get
        {
            var from = 0;
            for (var i = History.Count - 1; i >= 0; i--)
            {
                if (History[i].Succeeded && TurnsServiceOn(History[i]))
                {
                    from = i;
                    break;
                }
            }

            for (var i = from; i < History.Count; i++)
            {
                if (History[i].Succeeded && History[i].ReadingsOrEmpty.Count > 0)
                {
                    return true;
                }
            }

            return false;
        }
    }

    static bool TurnsServiceOn(ActivityReport report) =>
        report.Switch == SwitchState.Connected
        || report.Kind is ActivityKind.RemoteConnect or ActivityKind.TurnOn or ActivityKind.Reconnect or ActivityKind.Relight;
}
