using ServiceOrders.Contracts.Orders;
using ServiceOrders.Contracts.ServicePoints;

namespace ServiceOrders.Contracts.Activities;

/// <summary>Reason codes sent with head-end commands, after MultiSpeak's.</summary>
public static class CommandReasons
{
    public static string For(RequestType requestType) => requestType switch
    {
        RequestType.EnableService or RequestType.BackToBack => "NewCustomer",
        RequestType.DisableService => "ServiceInactive",
        RequestType.CutForNonPayment => "NonPayment",
        RequestType.ReconnectForPayment => "PaymentReceived",
        _ => "Other",
    };
}
