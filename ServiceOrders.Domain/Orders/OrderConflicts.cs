using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Orders;

/// <summary>
/// Which orders may not be open on one service point at the same time. Orders that change the service point exclude
/// each other; a read or a status check only excludes another of its own kind (one open command of a type per device).
/// </summary>
public static class OrderConflicts
{
    public static bool IsPassive(RequestType type) => type is RequestType.ReadMeter or RequestType.DeviceStatusCheck;

    public static bool Conflict(RequestType a, RequestType b) =>
        IsPassive(a) || IsPassive(b) ? a == b : true;
}
