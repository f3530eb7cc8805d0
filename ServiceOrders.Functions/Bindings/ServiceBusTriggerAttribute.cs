using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace ServiceOrders.Functions.Bindings;

/// <summary>
/// The Service Bus queue trigger, declared in the app because the official worker extension package cannot be restored
/// on every build machine (README, "Service Bus trigger"). The Worker SDK turns it into a <c>serviceBusTrigger</c>
/// binding with <c>queueName</c> and <c>connection</c> in <c>functions.metadata</c>, as it does the official attribute.
/// The app declares no <c>ExtensionInformation</c> for it, so a default build never asks for the host-side extension
/// package; <c>-p:UseOfficialServiceBusExtension=true</c> replaces this attribute by the official one and brings both in.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceBusTriggerAttribute(string queueName) : TriggerBindingAttribute
{
    /// <summary>The queue, or a <c>%setting%</c> expression that names it.</summary>
    public string QueueName { get; } = queueName;

    /// <summary>The app setting (or prefix of identity-based settings) that names the Service Bus namespace.</summary>
    public string? Connection { get; set; }
}
