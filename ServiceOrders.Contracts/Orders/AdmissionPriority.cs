using System.Text.Json.Serialization;

namespace ServiceOrders.Contracts.Orders;

/// <summary>
/// The order in which waiting requests are started: a lower priority waits until no request of a higher one is
/// waiting; within a priority, the oldest first. Customers without service come first, cuts for non-payment last, so
/// that a billing run's burst of cuts never holds up move-ins and reconnects sent after it.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<AdmissionPriority>))]
public enum AdmissionPriority
{
    /// <summary>Emergency requests of any type, and reconnects after payment: a customer is without service now.</summary>
    Restore = 0,

    /// <summary>Service starts: move-ins (<see cref="RequestType.EnableService"/>), back-to-back changes, unmetered items switched on.</summary>
    Start = 1,

    /// <summary>Everything else: move-outs, meter work, reads, checks, investigations.</summary>
    Routine = 2,

    /// <summary>Cuts for non-payment (not emergencies): they wait behind everything else.</summary>
    Cut = 3,
}
