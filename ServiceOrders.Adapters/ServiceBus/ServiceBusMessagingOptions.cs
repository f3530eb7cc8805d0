using System.ComponentModel.DataAnnotations;

namespace ServiceOrders.Adapters.ServiceBus;

/// <summary>Service Bus entities of the product (section <c>ServiceBus</c>); the connection is in <see cref="ServiceBusConnection"/>.</summary>
public sealed class ServiceBusMessagingOptions
{
    public const string SectionName = "ServiceBus";

    /// <summary>The queue the CIS sends <c>ServiceOrderRequest</c> messages to.</summary>
    [Required]
    public string IntakeQueue { get; set; } = "service-order-requests";

    /// <summary>The queue the CIS reads its replies from.</summary>
    [Required]
    public string ReplyQueue { get; set; } = "cis-replies";

    /// <summary>The topic subscribers read CloudEvents from.</summary>
    [Required]
    public string EventsTopic { get; set; } = "service-order-events";
}
