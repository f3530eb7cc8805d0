using System.Collections.Concurrent;
using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Simulators;

/// <summary>
/// What the simulated crews know of their work: which jobs a crew has reached, and which were called off. A crew acts
/// on arrival and reports later, so a cancellation that reaches it after arrival finds the work already done.
/// </summary>
public sealed class CrewBoard
{
    readonly ConcurrentDictionary<FieldActivityId, bool> reached = new();
    readonly ConcurrentDictionary<FieldActivityId, bool> calledOff = new();

    /// <summary>The crew arrives, unless the work was called off before it got there.</summary>
    public void Arrive(FieldActivityId activityId)
    {
        if (!calledOff.ContainsKey(activityId))
        {
            reached.TryAdd(activityId, true);
        }
    }

    public void CallOff(FieldActivityId activityId) => calledOff.TryAdd(activityId, true);

    /// <summary>Whether the job was called off before the crew reached it.</summary>
    public bool CalledOffBeforeArrival(FieldActivityId activityId) => calledOff.ContainsKey(activityId) && !reached.ContainsKey(activityId);

    public bool CalledOff(FieldActivityId activityId) => calledOff.ContainsKey(activityId);
}
