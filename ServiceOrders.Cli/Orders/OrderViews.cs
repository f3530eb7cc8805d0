using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Api;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Cli.Orders;

/// <summary>Facts the CLI reads off an <see cref="OrderView"/>.</summary>
internal static class OrderViews
{
    /// <summary>Suspended is not an end: a suspended order can resume.</summary>
    public static bool HasEnded(this OrderView view) =>
        view.RuntimeStatus is EngineStatus.Completed or EngineStatus.Failed or EngineStatus.Terminated;

    /// <summary>The activities that succeeded, in order: the path the order took to its goal.</summary>
    public static IReadOnlyList<ActivityKind> SucceededActivities(this OrderView view) =>
        view.Timeline
            .Where(e => e.Event == TimelineEvent.Succeeded && e.Kind is not null)
            .Select(e => e.Kind!.Value)
            .ToList();
}
