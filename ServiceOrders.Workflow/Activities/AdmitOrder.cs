using ServiceOrders.Contracts.Ids;
using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;
using ServiceOrders.Domain.Orders;
using ServiceOrders.Domain.Planning;
using ServiceOrders.Workflow.Ports;

namespace ServiceOrders.Workflow.Activities;

/// <summary>
/// What an order of revision 3 needs admitted: its request and planning policy (for the planner's preconditions), its
/// claim on the service point, its acknowledgement to the CIS, and its entry in the order list as open (the commodity
/// and meter class are filled in from the service point as loaded).
/// </summary>
public sealed record AdmitOrderInput(ServiceOrderRequest Request, PlanningPolicy Planning, OpenOrder Claim, CisReply Acknowledgement, OrderIndexEntry Open);

/// <summary>
/// What admission found: the service point (null when it is not registered or not valid); the preconditions it breaks
/// (the order is refused, nothing was claimed); otherwise every order open on the service point after the claim, and
/// whether the order was admitted (no conflicting order goes first: the CIS got its acknowledgement, the list shows the
/// order open). When not admitted, the order holds its claim and decides by its conflict policy.
/// </summary>
public sealed record AdmitOrderResult(ServicePoint? Point, IReadOnlyList<ValidationError> Errors, IReadOnlyList<OpenOrder> Open, bool Admitted);

/// <summary>
/// Admits an order in one activity (revision 3 of the orchestrator): loads the service point
/// (<see cref="LoadServicePoint"/>), checks the planner's preconditions (the same code as the orchestrator), claims the
/// service point (<see cref="ClaimServicePoint"/>), and unless a conflicting order goes first (the same rule as the
/// orchestrator, <see cref="OpenOrders.BlockerOf"/>), acknowledges to the CIS and lists the order as open. Each side
/// effect is idempotent as it is alone: the claim by order id, the reply by its message id, the list entry by order id.
/// </summary>
public sealed class AdmitOrder(LoadServicePoint load, ClaimServicePoint claim, SendCisReply reply, IndexOrder index) : IServiceOrderActivity<AdmitOrderInput, AdmitOrderResult>
{
    public async Task<AdmitOrderResult> RunAsync(AdmitOrderInput input, CancellationToken cancellationToken)
    {
        var point = await load.RunAsync(new ServicePointId(input.Request.ServicePointId), cancellationToken);
        if (point is null)
        {
            return new AdmitOrderResult(null, [], [], false);
        }

        var errors = ServiceOrderPlanner.Preconditions(new OrderSituation(input.Request, point, []) { Initial = point, Policy = input.Planning });
        if (errors.Count > 0)
        {
            return new AdmitOrderResult(point, errors, [], false);
        }

        var open = await claim.RunAsync(new ClaimServicePointInput(new ServicePointId(input.Request.ServicePointId), input.Claim), cancellationToken);
        if (OpenOrders.BlockerOf(open, input.Claim, OrderPrecedence.GoesFirst) is not null)
        {
            return new AdmitOrderResult(point, [], open, false);
        }

        await reply.RunAsync(input.Acknowledgement, cancellationToken);
        await index.RunAsync(input.Open with { Commodity = point.Commodity, MeterClass = point.Meter?.Class }, cancellationToken);
        return new AdmitOrderResult(point, [], open, true);
    }
}
