using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Api;

/// <summary>
/// Admission control at a glance (<c>GET /api/admission</c>): the limit of orders in progress, how many are, and the
/// requests taken in that wait to be started, by priority.
/// </summary>
/// <param name="At">When the figures were taken.</param>
/// <param name="Enabled">Whether admission control is on; when off, every request starts at once and the counts are 0.</param>
/// <param name="MaxOrdersInProgress">The limit (<c>Admission:MaxOrdersInProgress</c>).</param>
/// <param name="InProgress">Orders started and neither ended nor in a long wait (crew, exception, deferral, service date), over every host.</param>
/// <param name="Waiting">Requests waiting to be started, all priorities.</param>
/// <param name="ByPriority">The waiting requests of each priority, highest first; every priority, zero included.</param>
public sealed record AdmissionStatus(
    DateTimeOffset At,
    bool Enabled,
    int MaxOrdersInProgress,
    int InProgress,
    int Waiting,
    IReadOnlyList<AdmissionWaiting> ByPriority);

/// <summary>The requests waiting under one priority.</summary>
/// <param name="Priority">The priority.</param>
/// <param name="Count">How many wait (counted at most every <c>Admission:CountInterval</c>).</param>
/// <param name="OldestReceivedAt">When the oldest of them was received; null when none waits.</param>
/// <param name="OldestWaitSeconds">How long the oldest has waited, in seconds; null when none waits.</param>
public sealed record AdmissionWaiting(AdmissionPriority Priority, int Count, DateTimeOffset? OldestReceivedAt, double? OldestWaitSeconds);
