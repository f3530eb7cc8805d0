using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Contracts.Activities;

/// <summary>Reason codes sent with head-end commands, after MultiSpeak's.</summary>
public static class CommandReasons
{
    /// <summary>
    /// The <see cref="HeadEndCommand.ReasonCode"/> for an order of <paramref name="requestType"/>: <c>NewCustomer</c>
    /// (enable service, back-to-back), <c>ServiceInactive</c> (disable service), <c>NonPayment</c> (cut),
    /// <c>PaymentReceived</c> (reconnect), otherwise <c>Other</c>.
    /// </summary>
    public static string For(RequestType requestType) => requestType switch
    {
        RequestType.EnableService or RequestType.BackToBack => "NewCustomer",
        RequestType.DisableService => "ServiceInactive",
        RequestType.CutForNonPayment => "NonPayment",
        RequestType.ReconnectForPayment => "PaymentReceived",
        _ => "Other",
    };
}
