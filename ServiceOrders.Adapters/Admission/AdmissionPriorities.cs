using ServiceOrders.Contracts.Orders;

namespace ServiceOrders.Adapters.Admission;

/// <summary>Which <see cref="AdmissionPriority"/> a request waits under.</summary>
public static class AdmissionPriorities
{
    public static IReadOnlyList<AdmissionPriority> All { get; } = Enum.GetValues<AdmissionPriority>();

    public static AdmissionPriority Of(ServiceOrderRequest request) =>
        request.Emergency ? AdmissionPriority.Restore : Of(request.RequestType);

    public static AdmissionPriority Of(RequestType requestType) => requestType switch
    {
        RequestType.ReconnectForPayment => AdmissionPriority.Restore,
        RequestType.EnableService or RequestType.BackToBack or RequestType.EnableUnmeteredItem => AdmissionPriority.Start,
        RequestType.CutForNonPayment => AdmissionPriority.Cut,
        _ => AdmissionPriority.Routine,
    };
}
