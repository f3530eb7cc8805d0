using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>Investigate. Goal: a crew reported findings. Possible at any service point, metered or not.</summary>
sealed class InvestigateProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.Investigate;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => [];

    public NextStep Decide(OrderSituation situation) =>
        situation.History.LastOrDefault(r => r.Succeeded && r.Kind == ActivityKind.Investigate) is { } findings
            ? new GoalReached(findings.Detail is null ? "A crew reported its findings." : $"A crew reported: {findings.Detail}")
            : new PerformActivity(ActivityKind.Investigate, "No findings yet.");
}
