using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning;

/// <summary>
/// The rules of one request type: from the situation, the next step towards its goal. The goal itself is written in
/// <see cref="Goals"/>: <see cref="ServiceOrderPlanner"/> completes the order when it holds, and only asks the process
/// what the goal still needs while it does not; the planner also handles failures and bounds for all of them. A process proposes a
/// command only where <see cref="OrderSituation.RemoteAllowed"/> says so, and otherwise the matching field activity: that
/// is how a command that keeps failing falls back to a crew. (A command no crew can stand in for, such as activating a new
/// meter, is proposed anyway; when it has run out of tries the planner stops the order for a person.)
/// </summary>
public interface IOrderProcess
{
    RequestType RequestType { get; }

    /// <summary>Checks that need the registry: is this request possible at this service point at all?</summary>
    IEnumerable<ValidationError> Preconditions(OrderSituation situation);

    /// <summary>
    /// The activity the goal still needs, or why the order cannot proceed. Only asked while the goal does not hold, so it
    /// never answers <see cref="GoalReached"/>.
    /// </summary>
    NextStep Decide(OrderSituation situation);

    /// <summary>How the goal was reached, in words for the order's outcome; only asked once it holds.</summary>
    string Reached(OrderSituation situation);
}
