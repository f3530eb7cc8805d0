using ServiceOrders.Contracts.Ids;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Engine;

namespace ServiceOrders.Adapters.HeadEnds;

public enum ForwardOutcome
{
    Forwarded,

    /// <summary>The id belongs to no order.</summary>
    UnknownActivity,

    /// <summary>The order has ended; its activities are closed.</summary>
    OrderEnded,
}

/// <summary>
/// Hands an answer from a crew or a head-end to the order it belongs to, whichever way it came (HTTP callback or
/// result queue). The order itself decides whether the answer is current, late or stray.
/// </summary>
public static class AnswerForwarder
{
    public static async Task<(ForwardOutcome Outcome, OrderId? OrderId)> ForwardAsync(
        IOrderEngine engine, string activityId, string eventName, object payload, CancellationToken cancellationToken)
    {
        if (OrderIds.OrderOf(activityId) is not { } orderId)
        {
            return (ForwardOutcome.UnknownActivity, null);
        }

        // Every crew and head-end answer passes here: read the status only, not the order's input and output.
        if (await engine.GetStatusAsync(orderId, cancellationToken) is not { } status)
        {
            return (ForwardOutcome.UnknownActivity, orderId);
        }

        if (OrderInstance.IsEnded(status))
        {
            return (ForwardOutcome.OrderEnded, orderId);
        }

        await engine.RaiseEventAsync(orderId, eventName, payload, cancellationToken);
        return (ForwardOutcome.Forwarded, orderId);
    }
}
