using ServiceOrders.Contracts.Activities;
using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Domain.Planning.Processes;

/// <summary>Investigate. Goal (<see cref="Goals.Investigate"/>): a crew reported findings. Possible at any service point, metered or not.</summary>
sealed class InvestigateProcess : IOrderProcess
{
    public RequestType RequestType => RequestType.Investigate;

    public IEnumerable<ValidationError> Preconditions(OrderSituation situation) => [];

    public NextStep Decide(OrderSituation situation) => new PerformActivity(ActivityKind.Investigate, "No findings yet.");

    public string Reached(OrderSituation situation) =>
        situation.History.Last(r => r.Succeeded && r.Kind == ActivityKind.Investigate).Detail is { } findings
            ? $"A crew reported: {findings}"
            : "A crew reported its findings.";
}
