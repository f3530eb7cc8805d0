using ServiceOrders.Domain.Orders;

namespace ServiceOrders.Domain.Planning;

/// <summary>The rules of one request type: from the situation, the next step towards its goal.</summary>
public interface IOrderProcess
{
    RequestType RequestType { get; }

    /// <summary>Checks that need the registry: is this request possible at this service point at all?</summary>
    IEnumerable<ValidationError> Preconditions(OrderSituation situation);

    NextStep Decide(OrderSituation situation);
}
