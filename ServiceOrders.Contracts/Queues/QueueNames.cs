namespace ServiceOrders.Contracts.Queues;

/// <summary>
/// Names of the storage queues the product writes to and reads from. Messages are JSON (camelCase, see
/// <see cref="Api.ServiceOrdersJson"/>), base64-encoded as Azure Functions queue triggers expect; the queues the product
/// reads also take plain JSON text.
/// </summary>
public static class QueueNames
{
    /// <summary>Field work for the crews: <see cref="Activities.FieldDispatch"/>, keyed by <c>activityId</c>.</summary>
    public const string FieldDispatches = "field-dispatches";

    /// <summary>Calls to stop dispatched field work: <see cref="Activities.FieldCancellation"/>, keyed by the dispatch's <c>activityId</c>.</summary>
    public const string FieldCancellations = "field-cancellations";

    /// <summary>Commands for head-ends reached by queue (the default transport): <see cref="Activities.HeadEndCommand"/>, keyed by <c>commandId</c>.</summary>
    public const string HeadEndCommands = "headend-commands";

    /// <summary>Replies to the requesting system: <see cref="Orders.CisReply"/>, keyed by <c>messageId</c>, where no Service Bus is configured.</summary>
    public const string CisReplies = "cis-replies";

    /// <summary>Subscriber notifications as structured-mode CloudEvents JSON, where no Service Bus topic is configured.</summary>
    public const string ServiceOrderEvents = "service-order-events";

    /// <summary>Service order requests (JSON <c>ServiceOrderRequest</c>), read by the standalone host where no Service Bus is configured.</summary>
    public const string ServiceOrderRequests = "service-order-requests";

    /// <summary>Intake messages set aside with their reason (bad, or failing on every allowed delivery): <see cref="IntakePoisonMessage"/>.</summary>
    public const string ServiceOrderRequestsPoison = "service-order-requests-poison";

    /// <summary>Answers of head-ends that answer by queue: <see cref="Activities.HeadEndResultMessage"/>, keyed by <c>commandId</c>.</summary>
    public const string HeadEndResults = "headend-results";

    /// <summary>Head-end answers that can never be delivered, with their reason: <see cref="HeadEndResultPoisonMessage"/>.</summary>
    public const string HeadEndResultsPoison = HeadEndResults + "-poison";

    /// <summary>Webhook deliveries to make: <see cref="Subscribers.WebhookDeliveryJob"/>, keyed by <c>key</c>.</summary>
    public const string WebhookDeliveries = "webhook-deliveries";

    /// <summary>Webhook delivery jobs that cannot be read or keep failing, as they were taken off <see cref="WebhookDeliveries"/>.</summary>
    public const string WebhookDeliveriesPoison = WebhookDeliveries + "-poison";
}
