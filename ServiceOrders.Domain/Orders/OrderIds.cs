using ServiceOrders.Contracts.Ids;

namespace ServiceOrders.Domain.Orders;

/// <summary>
/// The ids an order hands out. An order's id is the CIS request id; each activity's id is the order id, a dot and the
/// step number, so a crew's or head-end's answer leads back to its order. Request ids cannot contain a dot.
/// </summary>
public static class OrderIds
{
    /// <summary>The id of an order's step: a field activity's or a head-end command's, by the channel it goes out on.</summary>
    public static string StepId(OrderId orderId, int step) => $"{orderId.Value}.{step}";

    /// <summary>The id of the field activity at <paramref name="step"/>.</summary>
    public static FieldActivityId FieldActivity(OrderId orderId, int step) => new(StepId(orderId, step));

    /// <summary>The id of the head-end command at <paramref name="step"/>.</summary>
    public static CommandId Command(OrderId orderId, int step) => new(StepId(orderId, step));

    /// <summary>The step number of <paramref name="activityId"/> when it is a step of <paramref name="orderId"/>; otherwise null.</summary>
    public static int? StepNumberOf(OrderId orderId, string activityId)
    {
        ArgumentNullException.ThrowIfNull(activityId);
        return OrderOf(activityId) == orderId
            && int.TryParse(activityId.AsSpan(orderId.Value.Length + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var step)
            ? step
            : null;
    }

    /// <summary>The order an activity or command id belongs to, or null if the id is not one of ours.</summary>
    public static OrderId? OrderOf(string activityId)
    {
        var dot = activityId.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return null;
        }

        var orderId = activityId[..dot];
        // Digits only, without a leading zero: int.TryParse alone would also take " 1", "+1", "01" or "1\n", ids no
        // order ever handed out.
        return ServiceOrderValidator.IsValidId(orderId)
            && activityId.Length > dot + 1 && activityId[dot + 1] != '0'
            && int.TryParse(activityId.AsSpan(dot + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var step)
            && step > 0
            ? new OrderId(orderId)
            : null;
    }
}
