using ServiceOrders.Domain.Activities;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Workflow.Api;

namespace ServiceOrders.Cli.Demo;

/// <summary>
/// How the order should end and the activities that should succeed on the way, in order. <paramref name="State"/> says
/// what is wrong with the final state, if anything; it is asked only when the outcome is right.
/// </summary>
internal sealed record Expectation(
    OrderOutcome Outcome,
    IReadOnlyList<ActivityKind> Path,
    string? ReasonCode = null,
    Func<OrderView, IEnumerable<string>>? State = null);
