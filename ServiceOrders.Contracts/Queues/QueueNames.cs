namespace ServiceOrders.Contracts.Queues;

/// <summary>Names of the storage queues the product writes to and reads from.</summary>
public static class QueueNames
{
    public const string FieldDispatches = "field-dispatches";
    public const string FieldCancellations = "field-cancellations";
    public const string HeadEndCommands = "headend-commands";
    public const string CisReplies = "cis-replies";

    /// <summary>Subscriber notifications as structured-mode CloudEvents JSON, where no Service Bus topic is configured.</summary>
    public const string ServiceOrderEvents = "service-order-events";

    /// <summary>Service order requests (JSON <c>ServiceOrderRequest</c>), read by the standalone host where no Service Bus is configured.</summary>
    public const string ServiceOrderRequests = "service-order-requests";

    /// <summary>Intake messages set aside with their reason (bad, or failing on every allowed delivery).</summary>
    public const string ServiceOrderRequestsPoison = "service-order-requests-poison";
}
